package dev.waxseal.server.entries.rekord;

import static dev.waxseal.server.entries.rekord.SignatureFormat.invalidKey;
import static dev.waxseal.server.entries.rekord.SignatureFormat.invalidSignature;

import dev.waxseal.server.entries.pki.Pem;
import dev.waxseal.server.entries.pki.SshWireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * {@code ssh}: an armored SSHSIG signature ({@code ssh-keygen -Y sign -n file}) by an {@code
 * authorized_keys} public key, as Rekor's {@code pkg/pki/ssh}.
 *
 * <p>Rekor re-armors the signature with hash algorithm {@code sha512} whatever the client's says
 * and verifies that re-armored form, so only SHA-512 SSHSIG signatures (ssh-keygen's default)
 * verify; namespace must be {@code file}. The canonical key is {@code "<type> <base64>\n"}, the
 * canonical signature Go's PEM of the re-marshalled SSHSIG blob.
 */
final class SshFormat implements SignatureFormat {
  private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
  private static final String PEM_TYPE = "SSH SIGNATURE";
  private static final String CANONICAL_HASH = "sha512";

  /** A decoded SSHSIG: the embedded key, the inner signature's format, blob and rest. */
  // Internal and short-lived: never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  private record Sshsig(SshPublicKey key, String format, byte[] blob, byte[] rest) {}

  @Override
  public String name() {
    return "ssh";
  }

  @Override
  public byte[] canonicalKey(byte[] publicKey) {
    return parseKey(publicKey).authorizedKey();
  }

  private static SshPublicKey parseKey(byte[] publicKey) {
    try {
      return SshPublicKey.parseAuthorizedKey(publicKey);
    } catch (IllegalArgumentException e) {
      throw invalidKey(
          e.getMessage()
              + ": publicKey.content must be an OpenSSH public key line (ssh-ed25519,"
              + " ecdsa-sha2-nistp256/384/521 or ssh-rsa)");
    }
  }

  @Override
  public Verified verify(byte[] publicKey, byte[] signature, byte[] data) {
    Sshsig sig = decode(signature);
    SshPublicKey key = parseKey(publicKey);
    SHA512Digest digest = new SHA512Digest();
    digest.update(data, 0, data.length);
    byte[] hash = new byte[digest.getDigestSize()];
    digest.doFinal(hash, 0);
    byte[] signed =
        new SshWireFormat.Writer()
            .raw(MAGIC)
            .string("file")
            .string("")
            .string(CANONICAL_HASH)
            .string(hash)
            .toByteArray();
    if (!key.verify(signed, sig.format(), sig.blob())) {
      throw invalidSignature("ssh: signature did not verify");
    }
    return new Verified(key.authorizedKey(), armor(sig), List.of());
  }

  private static Sshsig decode(byte[] armored) {
    Pem.Block block =
        Pem.decodeFirst(armored).orElseThrow(() -> invalidSignature("unable to decode pem file"));
    if (!block.type().equals(PEM_TYPE)) {
      throw invalidSignature("wrong pem block type: " + block.type() + ". Expected SSH-SIGNATURE");
    }
    try {
      SshWireFormat.Reader r = new SshWireFormat.Reader(block.der());
      byte[] magic = r.raw(MAGIC.length);
      long version = r.uint32();
      byte[] embeddedKey = r.string();
      String namespace = r.text();
      r.string(); // reserved
      String hashAlgorithm = r.text();
      byte[] inner = r.string();
      if (!r.atEnd()) {
        throw new IllegalArgumentException("ssh: junk at the end of the signature");
      }
      if (version != 1) {
        throw invalidSignature("unsupported signature version: " + version);
      }
      if (!Arrays.equals(magic, MAGIC)) {
        throw invalidSignature("invalid magic header");
      }
      if (!namespace.equals("file")) {
        throw invalidSignature(
            "invalid signature namespace: "
                + namespace
                + " (sign with ssh-keygen -Y sign -n file)");
      }
      if (!hashAlgorithm.equals("sha256") && !hashAlgorithm.equals("sha512")) {
        throw invalidSignature("unsupported hash algorithm: " + hashAlgorithm);
      }
      SshWireFormat.Reader s = new SshWireFormat.Reader(inner);
      String format = s.text();
      byte[] blob = s.string();
      byte[] rest = s.rest();
      return new Sshsig(SshPublicKey.parseWire(embeddedKey), format, blob, rest);
    } catch (IllegalArgumentException e) {
      throw invalidSignature("malformed SSH signature: " + e.getMessage());
    }
  }

  /** Rekor's {@code Armor}: version 1, namespace file, hash sha512, Go PEM layout. */
  private static byte[] armor(Sshsig sig) {
    byte[] inner =
        new SshWireFormat.Writer()
            .string(sig.format())
            .string(sig.blob())
            .raw(sig.rest())
            .toByteArray();
    byte[] blob =
        new SshWireFormat.Writer()
            .raw(MAGIC)
            .uint32(1)
            .string(sig.key().wire())
            .string("file")
            .string("")
            .string(CANONICAL_HASH)
            .string(inner)
            .toByteArray();
    return Pem.encode(PEM_TYPE, blob);
  }
}
