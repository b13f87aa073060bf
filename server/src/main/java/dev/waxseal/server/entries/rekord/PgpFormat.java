package dev.waxseal.server.entries.rekord;

import static dev.waxseal.server.entries.rekord.SignatureFormat.invalidSignature;

import dev.waxseal.server.entries.pgp.PgpArmor;
import dev.waxseal.server.entries.pgp.PgpKeyRing;
import dev.waxseal.server.entries.pgp.PgpPackets;
import dev.waxseal.server.entries.pgp.PgpSignatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.openpgp.PGPSignature;

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
  @Override
  public String name() {
    return "pgp";
  }

  @Override
  public byte[] canonicalKey(byte[] publicKey) {
    return PgpKeyRing.parse(publicKey).canonicalArmored();
  }

  @Override
  public List<String> subjects(byte[] publicKey) {
    return PgpKeyRing.parse(publicKey).emails();
  }

  @Override
  public Verified verify(byte[] publicKey, byte[] signature, byte[] data) {
    byte[] sigPackets = signature;
    boolean armored = false;
    String text = new String(signature, StandardCharsets.ISO_8859_1);
    if (text.contains("-----BEGIN ")) {
      PgpArmor.Block decoded = PgpArmor.decode(signature).orElse(null);
      if (decoded != null) {
        if (!decoded.type().equals(PgpArmor.SIGNATURE_TYPE)) {
          throw invalidSignature("invalid PGP signature provided: armor type " + decoded.type());
        }
        armored = true;
        sigPackets = decoded.data();
      }
    }
    PGPSignature sig = PgpSignatures.read(sigPackets);
    PgpKeyRing ring = PgpKeyRing.parse(publicKey);
    PgpSignatures.verify(sig, ring, data);
    byte[] canonicalSignature =
        armored ? signature.clone() : PgpPackets.armor(PgpArmor.SIGNATURE_TYPE, signature);
    return new Verified(ring.canonicalArmored(), canonicalSignature, ring.emails());
  }
}
