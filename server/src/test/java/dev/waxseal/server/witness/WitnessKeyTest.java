package dev.waxseal.server.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.witness.Cosignature;
import dev.waxseal.merkle.witness.CosignatureVerifier;
import dev.waxseal.merkle.witness.Cosigner;
import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.SignatureAlgorithm;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness key file: Ed25519 only, cosignature key id and vkey, signatures merkle verifies. */
class WitnessKeyTest {
  @TempDir Path dir;

  @Test
  void loadsAnEd25519KeyAsACosigner() throws Exception {
    Path pem = dir.resolve("witness.pem");
    PemKeyFiles.generate(SignatureAlgorithm.ED25519, pem);
    WitnessKey key = WitnessKey.load("witness.example/w", pem);

    assertThat(key.vkey().signatureType()).isEqualTo(NoteKeys.ED25519_COSIGNATURE);
    assertThat(key.keyId())
        .isEqualTo(
            NoteKeys.keyId(
                "witness.example/w", NoteKeys.ED25519_COSIGNATURE, key.vkey().publicKey()));
    Checkpoint checkpoint =
        new Checkpoint("example.com/log", 3, Rfc6962.leafHash(new byte[] {3}), List.of());
    Cosignature cosignature = new Cosigner(key, Clock.systemUTC()).cosign(checkpoint);
    CosignatureVerifier.of(key.vkey()).verify(checkpoint.format(), cosignature);
  }

  @Test
  void refusesAnEcdsaKey() throws Exception {
    Path pem = dir.resolve("ecdsa.pem");
    PemKeyFiles.generate(SignatureAlgorithm.ECDSA_P256_SHA256, pem);
    assertThatThrownBy(() -> WitnessKey.load("witness.example/w", pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the witness key " + pem + " is ECDSA_P256_SHA256; a witness needs Ed25519");
  }

  @Test
  void refusesAnInvalidName() throws Exception {
    Path pem = dir.resolve("witness.pem");
    PemKeyFiles.generate(SignatureAlgorithm.ED25519, pem);
    assertThatThrownBy(() -> WitnessKey.load("two words", pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contains a space");
  }
}
