package dev.waxseal.merkle.witness;

import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteSigner;
import java.security.GeneralSecurityException;
import java.time.Clock;

/**
 * Produces {@code cosignature/v1} cosignatures (C2SP tlog-cosignature) with a witness's Ed25519
 * key, held behind a {@link NoteSigner} (a PEM file, a KMS).
 *
 * <p>The signer MUST sign with Ed25519 and MUST have the key id {@code SHA-256(name ‖ 0x0A ‖ 0x04 ‖
 * key)[:4]} ({@link dev.waxseal.merkle.note.NoteKeys#keyId}); {@link CosignatureVerifier#of(String,
 * byte[])} computes it. Time comes from the injected clock, in whole seconds.
 */
public final class Cosigner {
  private final NoteSigner signer;
  private final Clock clock;

  /** A cosigner that signs with {@code signer} and stamps the time from {@code clock}. */
  public Cosigner(NoteSigner signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * Cosigns a checkpoint at the clock's current second.
   *
   * @throws GeneralSecurityException if the signer fails or returns other than 64 bytes
   */
  public Cosignature cosign(Checkpoint checkpoint) throws GeneralSecurityException {
    return cosign(checkpoint, clock.instant().getEpochSecond());
  }

  /**
   * Cosigns a checkpoint at the given time (seconds since the Unix epoch).
   *
   * @throws IllegalArgumentException if {@code timestamp} is negative
   * @throws GeneralSecurityException if the signer fails or returns other than 64 bytes
   */
  public Cosignature cosign(Checkpoint checkpoint, long timestamp) throws GeneralSecurityException {
    byte[] signature = signer.sign(Cosignature.signedMessage(checkpoint.format(), timestamp));
    if (signature.length != Cosignature.ED25519_SIGNATURE_SIZE) {
      throw new GeneralSecurityException(
          "witness signer "
              + signer.keyName()
              + " returned "
              + signature.length
              + " bytes, want a 64-byte Ed25519 signature");
    }
    return Cosignature.of(signer.keyName(), signer.keyId(), timestamp, signature);
  }

  /** The witness's key name, as on its cosignature lines. */
  public String keyName() {
    return signer.keyName();
  }
}
