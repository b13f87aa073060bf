/**
 * The log key in Google Cloud KMS: {@link dev.waxseal.server.signing.kms.GcpKmsLogSigner}, the
 * second {@link dev.waxseal.server.signing.LogSigner}, selected by a Rekor-style {@code gcpkms://}
 * reference ({@link dev.waxseal.server.signing.kms.GcpKmsKeyName}).
 *
 * <p>It talks to KMS through Google's client library ({@code google-cloud-kms}, gRPC), which brings
 * Application Default Credentials and Workload Identity, deadlines and retries. Depends on the
 * parent {@code signing} package and merkle's {@code Rfc6962} for hashing; no Spring.
 *
 * <p><b>Cost on the append path.</b> Every signature is a network round trip to KMS (typically
 * 10–30 ms, more from another region). The appender signs one checkpoint per batch, which is cheap,
 * but also one signed entry timestamp (SET) per entry: a batch of 1,000 entries means 1,000 KMS
 * calls, seconds to tens of seconds per batch, and KMS request quotas apply. Whether SETs should be
 * signed by KMS or by a local key is a decision for the log's operators; this package signs
 * whatever it is given.
 */
@NullMarked
package dev.waxseal.server.signing.kms;

import org.jspecify.annotations.NullMarked;
