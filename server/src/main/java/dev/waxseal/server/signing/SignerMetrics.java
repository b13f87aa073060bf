package dev.waxseal.server.signing;

import dev.waxseal.server.signing.kms.GcpKmsLogSigner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Latency and failures of every signature the log makes, by signer ({@code file}: a PEM key,
 * generated or configured; {@code kms}: Cloud KMS) and purpose ({@code checkpoint}: Rekor v1
 * checkpoints, {@code set}: signed entry timestamps, {@code c2sp}: C2SP checkpoints).
 *
 * <p>{@link ShardKeys} wraps each key once per purpose here, so every signature on the append path
 * and of a rotation is counted, whatever the key. Exported as {@code waxseal_signer_sign_seconds}
 * (a histogram: KMS calls take milliseconds, PEM signatures microseconds, and an SLO query needs
 * buckets) and {@code waxseal_signer_errors_total}.
 */
public final class SignerMetrics {
  /** Signs without measuring: for tools and tests that have no registry. */
  public static final SignerMetrics NONE = new SignerMetrics(null);

  /** What a signature is for: the {@code purpose} label. */
  public enum Purpose {
    /** Rekor v1 checkpoints (signed tree heads). */
    CHECKPOINT,
    /** Signed entry timestamps. */
    SET,
    /** C2SP checkpoints of the tile API. */
    C2SP;

    /** The label value. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** From 100 µs (a PEM signature) to 2.5 s (a KMS call close to its deadline). */
  private static final Duration[] BUCKETS = {
    Duration.ofNanos(100_000),
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500)
  };

  private final @Nullable MeterRegistry registry;

  /** Measures signatures into {@code registry}. */
  public SignerMetrics(@Nullable MeterRegistry registry) {
    this.registry = registry;
  }

  /** The {@code signer} label of {@code key}. */
  static String signerLabel(LogSigner key) {
    return key instanceof GcpKmsLogSigner ? "kms" : "file";
  }

  /**
   * {@code key}, measured as signing for {@code purpose}. The series exist from now on, at zero, so
   * that {@code increase()} sees the first error.
   */
  public LogSigner metered(LogSigner key, Purpose purpose) {
    if (registry == null) {
      return key;
    }
    String signer = signerLabel(key);
    Timer latency =
        Timer.builder("waxseal.signer.sign")
            .description("time to make one signature, failed ones included")
            .tag("signer", signer)
            .tag("purpose", purpose.label())
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
    Counter errors =
        Counter.builder("waxseal.signer.errors")
            .description("signatures that failed")
            .tag("signer", signer)
            .tag("purpose", purpose.label())
            .register(registry);
    return new Metered(key, latency, errors);
  }

  /** A key whose signatures are timed and whose failures are counted. */
  private record Metered(LogSigner key, Timer latency, Counter errors) implements LogSigner {
    @Override
    public SignatureAlgorithm algorithm() {
      return key.algorithm();
    }

    @Override
    public byte[] publicKeyDer() {
      return key.publicKeyDer();
    }

    @Override
    public byte[] sign(byte[] message) {
      long start = System.nanoTime();
      try {
        return key.sign(message);
      } catch (RuntimeException e) {
        errors.increment();
        throw e;
      } finally {
        latency.record(Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }
}
