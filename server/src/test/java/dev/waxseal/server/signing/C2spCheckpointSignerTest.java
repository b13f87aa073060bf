package dev.waxseal.server.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.note.NoteVerifier;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.note.VerifierKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** C2SP checkpoints: key ids, vkeys and signatures checked with the JDK's own Ed25519 and ECDSA. */
class C2spCheckpointSignerTest {
  private static final Hash ROOT = Rfc6962.leafHash("root".getBytes(StandardCharsets.UTF_8));
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private static LogSigner ed25519(int seed) {
    byte[] secret = new byte[32];
    secret[0] = (byte) seed;
    return PemLogSigner.of(new Ed25519PrivateKeyParameters(secret, 0));
  }

  @Test
  void signsTheHeadUnderTheOriginWithTheEd25519KeyId() throws Exception {
    LogSigner key = ed25519(1);
    C2spCheckpointSigner signer = new C2spCheckpointSigner("log.example/tiles", key, null);

    SignedNote note = SignedNote.parse(signer.sign(70_000, ROOT));

    assertThat(note.text()).isEqualTo("log.example/tiles\n70000\n" + ROOT.base64() + "\n");
    assertThat(note.signatures()).hasSize(1);
    NoteSignature signature = note.signatures().get(0);
    byte[] raw = C2spCheckpointSigner.rawEd25519(key.publicKeyDer());
    assertThat(signature.keyName()).isEqualTo("log.example/tiles");
    assertThat(signature.keyId()).isEqualTo(NoteKeys.ed25519KeyId("log.example/tiles", raw));
    assertThat(signature.signature()).hasSize(64);
    Checkpoint opened = Checkpoint.open(note.format(), List.of(jdkEd25519(signer.verifierKey())));
    assertThat(opened.size()).isEqualTo(70_000);
    assertThat(opened.rootHash()).isEqualTo(ROOT);
  }

  @Test
  void vkeyRoundTripsAndNamesTheOrigin() {
    C2spCheckpointSigner signer = new C2spCheckpointSigner("log.example", ed25519(2), null);
    String vkey = signer.verifierKey().format();

    assertThat(vkey).startsWith("log.example+" + NoteKeys.keyIdHex(signer.verifierKey().keyId()));
    assertThat(VerifierKey.parse(vkey)).isEqualTo(signer.verifierKey());
    assertThat(signer.ecdsaVerifierKey()).isEmpty();
  }

  @Test
  void sameHeadGivesTheSameBytes() {
    C2spCheckpointSigner signer = new C2spCheckpointSigner("log.example", ed25519(3), null);
    assertThat(signer.sign(5, ROOT)).isEqualTo(signer.sign(5, ROOT));
  }

  @Test
  void ecdsaCosignatureHasTheSpkiKeyIdAndVerifies(@TempDir Path dir) throws Exception {
    LogSigner ecdsa =
        PemLogSigner.of(
            PemKeyFiles.generate(SignatureAlgorithm.ECDSA_P256_SHA256, dir.resolve("k.pem")));
    C2spCheckpointSigner signer = new C2spCheckpointSigner("log.example", ed25519(4), ecdsa);

    SignedNote note = SignedNote.parse(signer.sign(1, ROOT));

    assertThat(note.signatures()).hasSize(2);
    NoteSignature second = note.signatures().get(1);
    assertThat(second.keyName()).isEqualTo("log.example");
    assertThat(second.keyId()).isEqualTo(NoteKeys.spkiKeyId(ecdsa.publicKeyDer()));
    VerifierKey ecdsaKey = signer.ecdsaVerifierKey().orElseThrow();
    assertThat(ecdsaKey.signatureType()).isEqualTo(NoteKeys.ECDSA);
    assertThat(VerifierKey.parse(ecdsaKey.format())).isEqualTo(ecdsaKey);
    // Each key alone verifies the note; the other signature is ignored as unknown.
    assertThat(note.verify(List.of(jdkEcdsa(ecdsaKey)))).containsExactly(second);
    assertThat(note.verify(List.of(jdkEd25519(signer.verifierKey()))))
        .containsExactly(note.signatures().get(0));
  }

  @Test
  void rejectsAnOriginWithASpaceAndKeysOfTheWrongType() {
    assertThatThrownBy(() -> new C2spCheckpointSigner("log example", ed25519(5), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("space");
    assertThatThrownBy(() -> new C2spCheckpointSigner("log.example", ed25519(5), ed25519(6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ECDSA");
  }

  /** A verifier built from the vkey alone, with the JDK's Ed25519. */
  static NoteVerifier jdkEd25519(VerifierKey vkey) throws GeneralSecurityException {
    byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
    System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
    System.arraycopy(vkey.publicKey(), 0, spki, ED25519_SPKI_PREFIX.length, 32);
    PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    return verifier(vkey, "Ed25519", key);
  }

  static NoteVerifier jdkEcdsa(VerifierKey vkey) throws GeneralSecurityException {
    PublicKey key =
        KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(vkey.publicKey()));
    return verifier(vkey, "SHA256withECDSA", key);
  }

  private static NoteVerifier verifier(VerifierKey vkey, String algorithm, PublicKey key) {
    return new NoteVerifier() {
      @Override
      public String keyName() {
        return vkey.name();
      }

      @Override
      public int keyId() {
        return vkey.keyId();
      }

      @Override
      public void verify(byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        s.initVerify(key);
        s.update(message);
        if (!s.verify(signature)) {
          throw new SignatureException(algorithm + " signature does not verify");
        }
      }
    };
  }
}
