package dev.waxseal.server.entries.rekord;

import static dev.waxseal.server.entries.rekord.SignatureFormat.invalidKey;
import static dev.waxseal.server.entries.rekord.SignatureFormat.invalidSignature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.jspecify.annotations.Nullable;

/**
 * {@code pgp}: a detached OpenPGP signature (binary or armored) over the artifact, by an OpenPGP
 * public key (binary or armored), as Rekor's {@code pkg/pki/pgp} with Go's {@code openpgp}.
 *
 * <p>The signature's issuer key id selects the key (primary or subkey, not one whose flags forbid
 * signing); binary ({@code 0x00}) and text ({@code 0x01}) signatures are checked. Canonical
 * signature: an armored one exactly as sent, a binary one armored in Go's layout; canonical key:
 * the entities as Go re-serializes them, armored as {@code PGP PUBLIC KEY BLOCK}. Subjects: the
 * user IDs' email addresses.
 */
final class PgpFormat implements SignatureFormat {
  private static final String SIGNATURE_TYPE = "PGP SIGNATURE";
  private static final String PUBLIC_KEY_TYPE = "PGP PUBLIC KEY BLOCK";
  private static final String PRIVATE_KEY_TYPE = "PGP PRIVATE KEY BLOCK";
  private static final String END = "-----END PGP";

  @Override
  public String name() {
    return "pgp";
  }

  @Override
  public Verified verify(byte[] publicKey, byte[] signature, byte[] data) {
    byte[] sigPackets = signature;
    boolean armored = false;
    String text = new String(signature, StandardCharsets.ISO_8859_1);
    if (text.contains("-----BEGIN ")) {
      Armor decoded = dearmor(signature);
      if (decoded != null) {
        if (!decoded.type().equals(SIGNATURE_TYPE)) {
          throw invalidSignature("invalid PGP signature provided: armor type " + decoded.type());
        }
        armored = true;
        sigPackets = decoded.data();
      }
    }
    PGPSignature sig = readSignature(sigPackets);
    PgpKeyRing ring = PgpKeyRing.read(keyBlocks(publicKey));
    check(sig, ring, data);
    byte[] canonicalSignature =
        armored ? signature.clone() : PgpPackets.armor(SIGNATURE_TYPE, signature);
    byte[] canonicalKey = PgpPackets.armor(PUBLIC_KEY_TYPE, ring.serialized());
    return new Verified(canonicalKey, canonicalSignature, ring.emails());
  }

  private static PGPSignature readSignature(byte[] packets) {
    Object first;
    try {
      first = new BcPGPObjectFactory(packets).nextObject();
    } catch (IOException | RuntimeException e) {
      throw invalidSignature("invalid PGP signature: cannot read an OpenPGP packet");
    }
    if (first instanceof PGPSignatureList list && !list.isEmpty()) {
      return list.get(0);
    }
    throw invalidSignature("valid PGP signature was not detected");
  }

  private static void check(PGPSignature sig, PgpKeyRing ring, byte[] data) {
    int type = sig.getSignatureType();
    List<PgpKeyRing.SigningKey> candidates = new ArrayList<>();
    for (PgpKeyRing.SigningKey k : ring.keys()) {
      if (k.key().getKeyID() != sig.getKeyID()) {
        continue;
      }
      PGPSignature self = k.selfSignature();
      if (self != null && self.getHashedSubPackets() != null) {
        int flags = self.getHashedSubPackets().getKeyFlags();
        boolean flagsValid = self.getHashedSubPackets().hasSubpacket(27);
        if (flagsValid && (flags & 0x02) == 0) {
          continue;
        }
      }
      candidates.add(k);
    }
    if (candidates.isEmpty()) {
      throw invalidSignature(
          "openpgp: signature made by unknown entity: no signing key "
              + String.format("%016X", sig.getKeyID())
              + " in the public key sent");
    }
    if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      throw invalidSignature("openpgp: unsupported signature type " + type);
    }
    for (PgpKeyRing.SigningKey k : candidates) {
      try {
        sig.init(PgpKeyRing.VERIFIERS, k.key());
        sig.update(data);
        if (sig.verify()) {
          return;
        }
      } catch (PGPException | RuntimeException e) {
        // try the next candidate
      }
    }
    throw invalidSignature("openpgp: invalid signature: the signature does not verify");
  }

  /** The binary key blocks: each armored block in turn, or the input as binary. */
  private static List<byte[]> keyBlocks(byte[] publicKey) {
    String text = new String(publicKey, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("-----BEGIN PGP")) {
      return List.of(publicKey);
    }
    List<byte[]> blocks = new ArrayList<>();
    StringBuilder buffer = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      buffer.append(line).append('\n');
      if (line.startsWith(END)) {
        Armor block = dearmor(buffer.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (block == null) {
          throw invalidKey("invalid PGP public key provided: malformed armor");
        }
        if (block.type().equals(PRIVATE_KEY_TYPE)) {
          throw invalidKey("a PGP secret key was sent: send only the public key");
        }
        if (!block.type().equals(PUBLIC_KEY_TYPE)) {
          throw invalidKey("invalid PGP type detected: " + block.type());
        }
        blocks.add(block.data());
        buffer.setLength(0);
      }
    }
    return blocks;
  }

  /** A decoded armor block. */
  // Internal and short-lived: never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  private record Armor(String type, byte[] data) {}

  private static @Nullable Armor dearmor(byte[] armored) {
    try (ArmoredInputStream in = new ArmoredInputStream(new ByteArrayInputStream(armored))) {
      String header = in.getArmorHeaderLine(); // before reading: the stream forgets it at the end
      byte[] data = in.readAllBytes();
      if (header == null || !header.startsWith("-----BEGIN ") || !header.endsWith("-----")) {
        return null;
      }
      return new Armor(header.substring(11, header.length() - 5), data);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
