package dev.waxseal.server.signing.kms;

import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnaryCallSettings;
import java.time.Duration;

/**
 * Deadlines and retries for one kind of KMS call: each attempt has its own deadline, failures that
 * KMS documents as transient ({@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}) are retried after an
 * exponential backoff, and the whole call gives up after {@code totalTimeout} or {@code
 * maxAttempts}. Every other status (permission denied, key disabled, not found) fails at once.
 *
 * <p>Retrying a signature is safe: AsymmetricSign has no side effect, and a second ECDSA signature
 * over the same digest is just as valid as the first.
 *
 * @param attemptTimeout the deadline of one attempt
 * @param totalTimeout the deadline of the call, retries included
 * @param maxAttempts the most attempts, the first included
 * @param initialBackoff the wait before the first retry; it doubles on each further retry
 * @param maxBackoff the longest wait between two attempts
 */
record KmsCallPolicy(
    Duration attemptTimeout,
    Duration totalTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff) {
  /**
   * AsymmetricSign on the append path: a batch waits for it, so it fails within seconds rather than
   * stalling the log; the batch then fails and its clients may retry.
   */
  static final KmsCallPolicy SIGN =
      new KmsCallPolicy(
          Duration.ofSeconds(2),
          Duration.ofSeconds(6),
          3,
          Duration.ofMillis(100),
          Duration.ofSeconds(1));

  /**
   * GetPublicKey at start-up, the first call, which also fetches the OAuth token: more patience,
   * since nothing waits for it but the start of the server.
   */
  static final KmsCallPolicy START =
      new KmsCallPolicy(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          5,
          Duration.ofMillis(250),
          Duration.ofSeconds(4));

  KmsCallPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts " + maxAttempts + ", want at least 1");
    }
    if (attemptTimeout.compareTo(totalTimeout) > 0) {
      throw new IllegalArgumentException(
          "attemptTimeout " + attemptTimeout + " exceeds totalTimeout " + totalTimeout);
    }
  }

  /** Sets these deadlines and retries on one call of the KMS client. */
  void applyTo(UnaryCallSettings.Builder<?, ?> call) {
    call.setRetryableCodes(StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED)
        .setRetrySettings(
            RetrySettings.newBuilder()
                .setInitialRpcTimeoutDuration(attemptTimeout)
                .setMaxRpcTimeoutDuration(attemptTimeout)
                .setRpcTimeoutMultiplier(1.0)
                .setTotalTimeoutDuration(totalTimeout)
                .setMaxAttempts(maxAttempts)
                .setInitialRetryDelayDuration(initialBackoff)
                .setRetryDelayMultiplier(2.0)
                .setMaxRetryDelayDuration(maxBackoff)
                .build());
  }
}
