package dev.waxseal.server.entries.pgp;

import static dev.waxseal.server.entries.pgp.PgpArmor.invalidSignature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * OpenPGP data signatures checked as Go's {@code openpgp.CheckDetachedSignature} does: the
 * signature's issuer key id selects the key (primary or subkey, not one whose flags forbid
 * signing); binary ({@code 0x00}) and text ({@code 0x01}) signatures are accepted.
 *
 * <p>Stateless.
 */
public final class PgpSignatures {
  private static final int KEY_FLAGS_SUBPACKET = 27;
  private static final int FLAG_SIGN = 0x02;

  private PgpSignatures() {}

  /**
   * Reads the first signature of binary OpenPGP packets.
   *
   * @throws dev.waxseal.server.entries.InvalidEntryException (INVALID_SIGNATURE) if there is none
   */
  public static PGPSignature read(byte[] packets) {
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

  /**
   * Verifies {@code sig} over {@code data} (already in the form the signature covers, e.g. a
   * clear-signed text canonicalized) with the matching key of {@code ring}.
   *
   * @throws dev.waxseal.server.entries.InvalidEntryException (INVALID_SIGNATURE) if no key of the
   *     ring made it, its type is not a document signature, or it does not verify
   */
  public static void verify(PGPSignature sig, PgpKeyRing ring, byte[] data) {
    int type = sig.getSignatureType();
    List<PgpKeyRing.SigningKey> candidates = new ArrayList<>();
    for (PgpKeyRing.SigningKey k : ring.keys()) {
      if (k.key().getKeyID() != sig.getKeyID()) {
        continue;
      }
      PGPSignature self = k.selfSignature();
      if (self != null && self.getHashedSubPackets() != null) {
        int flags = self.getHashedSubPackets().getKeyFlags();
        boolean flagsValid = self.getHashedSubPackets().hasSubpacket(KEY_FLAGS_SUBPACKET);
        if (flagsValid && (flags & FLAG_SIGN) == 0) {
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
}
