package dev.waxseal.server.entries.rekord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.entries.pki.Pem;
import dev.waxseal.server.entries.pki.SshWireFormat;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rekord 0.0.1 with SSHSIG signatures made here as {@code ssh-keygen -Y sign -n file} does. */
public class RekordSshTest {
  private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);

  /** The key's SSH wire form and type. */
  public static byte[] wire(KeyPair keys) throws IOException {
    var key = PublicKeyFactory.createKey(keys.getPublic().getEncoded());
    SshWireFormat.Writer w = new SshWireFormat.Writer();
    if (key instanceof Ed25519PublicKeyParameters ed) {
      return w.string("ssh-ed25519").string(ed.getEncoded()).toByteArray();
    }
    if (key instanceof ECPublicKeyParameters ec) {
      return w.string("ecdsa-sha2-nistp256")
          .string("nistp256")
          .string(ec.getQ().getEncoded(false))
          .toByteArray();
    }
    RSAKeyParameters rsa = (RSAKeyParameters) key;
    return w.string("ssh-rsa").mpint(rsa.getExponent()).mpint(rsa.getModulus()).toByteArray();
  }

  static String type(Kind kind) {
    return switch (kind) {
      case ED25519 -> "ssh-ed25519";
      case P256 -> "ecdsa-sha2-nistp256";
      default -> "ssh-rsa";
    };
  }

  /** The SSHSIG blob (before armor) signing {@code data} with {@code hash}. */
  public static byte[] sshsig(Kind kind, KeyPair keys, byte[] data, String hash) throws Exception {
    byte[] digest =
        MessageDigest.getInstance(hash.equals("sha512") ? "SHA-512" : "SHA-256").digest(data);
    byte[] signed =
        new SshWireFormat.Writer()
            .raw(MAGIC)
            .string("file")
            .string("")
            .string(hash)
            .string(digest)
            .toByteArray();
    String format;
    byte[] blob;
    switch (kind) {
      case ED25519 -> {
        format = "ssh-ed25519";
        blob = Signers.sign(keys, kind, signed);
      }
      case P256 -> {
        format = "ecdsa-sha2-nistp256";
        ASN1Sequence der = ASN1Sequence.getInstance(Signers.sign(keys, kind, signed));
        BigInteger r = ASN1Integer.getInstance(der.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(der.getObjectAt(1)).getValue();
        blob = new SshWireFormat.Writer().mpint(r).mpint(s).toByteArray();
      }
      default -> {
        format = "rsa-sha2-512";
        var signer = java.security.Signature.getInstance("SHA512withRSA", Signers.BC);
        signer.initSign(keys.getPrivate());
        signer.update(signed);
        blob = signer.sign();
      }
    }
    return new SshWireFormat.Writer()
        .raw(MAGIC)
        .uint32(1)
        .string(wire(keys))
        .string("file")
        .string("")
        .string(hash)
        .string(new SshWireFormat.Writer().string(format).string(blob).toByteArray())
        .toByteArray();
  }

  /** Armored as ssh-keygen writes it: 70 columns, final newline. */
  public static byte[] armor70(byte[] blob) {
    String b64 = Base64.getEncoder().encodeToString(blob);
    StringBuilder s = new StringBuilder("-----BEGIN SSH SIGNATURE-----\n");
    for (int i = 0; i < b64.length(); i += 70) {
      s.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
    }
    return s.append("-----END SSH SIGNATURE-----\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] authorizedKey(Kind kind, KeyPair keys, String comment) throws IOException {
    return (type(kind) + " " + Base64.getEncoder().encodeToString(wire(keys)) + comment + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ED25519", "P256", "RSA2048"})
  void acceptsEachKeyType(Kind kind) throws Exception {
    KeyPair keys = Signers.keyPair(kind, "ssh");
    byte[] blob = sshsig(kind, keys, Rekords.ARTIFACT, "sha512");

    CanonicalEntry entry =
        Rekords.canonicalize("ssh", armor70(blob), authorizedKey(kind, keys, " alice@laptop"));

    byte[] canonicalKey = authorizedKey(kind, keys, "");
    byte[] canonicalSignature = Pem.encode("SSH SIGNATURE", blob);
    assertThat(Rekords.text(entry))
        .isEqualTo(Rekords.body("ssh", canonicalSignature, canonicalKey, Rekords.ARTIFACT));
    assertThat(entry.searchKeys())
        .containsExactly(
            Signers.sha256Hex(canonicalKey), "sha256:" + Signers.sha256Hex(Rekords.ARTIFACT));
  }

  private static void assertInvalid(byte[] signature, byte[] key, Reason reason, String message) {
    assertThatThrownBy(() -> Rekords.canonicalize("ssh", signature, key))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }

  @Test
  void rejectsSha256SignaturesAsRekorDoes() throws Exception {
    KeyPair keys = Signers.keyPair(Kind.ED25519, "ssh");
    // Rekor re-armors every signature as sha512 before verifying, so a sha256 one never verifies.
    assertInvalid(
        armor70(sshsig(Kind.ED25519, keys, Rekords.ARTIFACT, "sha256")),
        authorizedKey(Kind.ED25519, keys, ""),
        Reason.INVALID_SIGNATURE,
        "ssh: signature did not verify");
  }

  @Test
  void rejectsTamperedAndMalformedInput() throws Exception {
    KeyPair keys = Signers.keyPair(Kind.P256, "ssh");
    byte[] key = authorizedKey(Kind.P256, keys, "");
    assertInvalid(
        armor70(sshsig(Kind.P256, keys, "tampered".getBytes(StandardCharsets.UTF_8), "sha512")),
        key,
        Reason.INVALID_SIGNATURE,
        "ssh: signature did not verify");
    assertInvalid(
        armor70(sshsig(Kind.P256, keys, Rekords.ARTIFACT, "sha512")),
        authorizedKey(Kind.ED25519, Signers.keyPair(Kind.ED25519, "ssh"), ""),
        Reason.INVALID_SIGNATURE,
        "ssh: signature did not verify");
    assertInvalid(
        "not a signature".getBytes(StandardCharsets.US_ASCII),
        key,
        Reason.INVALID_SIGNATURE,
        "unable to decode pem file");
    assertInvalid(
        Pem.encode("PUBLIC KEY", new byte[] {1}),
        key,
        Reason.INVALID_SIGNATURE,
        "wrong pem block type: PUBLIC KEY. Expected SSH-SIGNATURE");
    assertInvalid(
        armor70(sshsig(Kind.P256, keys, Rekords.ARTIFACT, "sha512")),
        "ssh-ed25519 AAAA\n".getBytes(StandardCharsets.US_ASCII),
        Reason.INVALID_PUBLIC_KEY,
        "ssh: no key found: publicKey.content must be an OpenSSH public key line (ssh-ed25519,"
            + " ecdsa-sha2-nistp256/384/521 or ssh-rsa)");
  }

  @Test
  void rejectsAnotherNamespace() throws Exception {
    KeyPair keys = Signers.keyPair(Kind.ED25519, "ssh");
    byte[] blob = sshsig(Kind.ED25519, keys, Rekords.ARTIFACT, "sha512");
    // Replace the namespace "file" by "git!" (same length) in the wrapper.
    String latin = new String(blob, StandardCharsets.ISO_8859_1);
    int at = latin.indexOf("file", 10);
    byte[] other = blob.clone();
    System.arraycopy("git!".getBytes(StandardCharsets.US_ASCII), 0, other, at, 4);
    assertInvalid(
        armor70(other),
        authorizedKey(Kind.ED25519, keys, ""),
        Reason.INVALID_SIGNATURE,
        "invalid signature namespace: git! (sign with ssh-keygen -Y sign -n file)");
  }
}
