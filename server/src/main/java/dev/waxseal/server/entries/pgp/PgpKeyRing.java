package dev.waxseal.server.entries.pgp;

import static dev.waxseal.server.entries.pgp.PgpArmor.invalidKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.jspecify.annotations.Nullable;

/**
 * OpenPGP public keys as Go's {@code openpgp.ReadKeyRing} keeps them and {@code Entity.Serialize}
 * writes them back: per entity the primary key; each user ID that has a valid positive or generic
 * self-certification, with its latest such self-signature and its other signatures; each subkey
 * with its first (verified) binding signature. Revocations, direct-key signatures, user attributes
 * and trust packets are dropped. Packets are written with new-format headers.
 *
 * <p>Immutable and thread-safe.
 */
public final class PgpKeyRing {
  static final BcPGPContentVerifierBuilderProvider VERIFIERS =
      new BcPGPContentVerifierBuilderProvider();
  static final BcKeyFingerprintCalculator FINGERPRINTS = new BcKeyFingerprintCalculator();

  private static final int TAG_SIGNATURE = 2;
  private static final int TAG_SECRET_KEY = 5;
  private static final int TAG_PUBLIC_KEY = 6;
  private static final int TAG_SECRET_SUBKEY = 7;
  private static final int TAG_USER_ID = 13;
  private static final int TAG_PUBLIC_SUBKEY = 14;
  private static final Set<Integer> SIGNING_ALGORITHMS =
      Set.of(
          PublicKeyAlgorithmTags.RSA_GENERAL,
          PublicKeyAlgorithmTags.RSA_SIGN,
          PublicKeyAlgorithmTags.DSA,
          PublicKeyAlgorithmTags.ECDSA);
  private static final Set<Integer> SUBKEY_ALGORITHMS =
      Set.of(
          PublicKeyAlgorithmTags.RSA_GENERAL,
          PublicKeyAlgorithmTags.RSA_ENCRYPT,
          PublicKeyAlgorithmTags.RSA_SIGN,
          PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT,
          PublicKeyAlgorithmTags.DSA,
          PublicKeyAlgorithmTags.ECDH,
          PublicKeyAlgorithmTags.ECDSA);
  private static final Pattern EMAIL = Pattern.compile("<([^<>\\s]+@[^<>\\s]+\\.[^<>\\s]+)>");

  /** A key that can be asked to verify a data signature, and its self-signature (flags). */
  public record SigningKey(PGPPublicKey key, @Nullable PGPSignature selfSignature) {}

  private final byte[] serialized;
  private final List<SigningKey> keys;
  private final List<String> emails;

  private PgpKeyRing(byte[] serialized, List<SigningKey> keys, List<String> emails) {
    this.serialized = serialized;
    this.keys = List.copyOf(keys);
    this.emails = List.copyOf(emails);
  }

  /**
   * Reads the entities of one or more binary key blocks.
   *
   * @throws dev.waxseal.server.entries.InvalidEntryException (INVALID_PUBLIC_KEY) naming the
   *     problem
   */
  public static PgpKeyRing read(List<byte[]> blocks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<SigningKey> keys = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    int entities = 0;
    for (byte[] block : blocks) {
      List<PgpPackets.Packet> packets;
      try {
        packets = PgpPackets.split(block);
      } catch (IllegalArgumentException e) {
        throw invalidKey("error reading PGP public key: " + e.getMessage());
      }
      int at = 0;
      while (at < packets.size()) {
        at = readEntity(packets, at, out, keys, emails);
        entities++;
      }
    }
    if (entities == 0) {
      throw invalidKey("no PGP public keys could be read");
    }
    return new PgpKeyRing(out.toByteArray(), keys, emails);
  }

  private static int readEntity(
      List<PgpPackets.Packet> packets,
      int start,
      ByteArrayOutputStream out,
      List<SigningKey> keys,
      List<String> emails) {
    PgpPackets.Packet first = packets.get(start);
    if (first.tag() == TAG_SECRET_KEY || first.tag() == TAG_SECRET_SUBKEY) {
      throw invalidKey("a PGP secret key was sent: send only the public key");
    }
    if (first.tag() != TAG_PUBLIC_KEY) {
      throw invalidKey("error reading PGP public key: first packet was not a public key");
    }
    PGPPublicKey primary = key(first, SIGNING_ALGORITHMS);
    Map<String, byte[]> identities = new LinkedHashMap<>();
    List<PGPSignature> selfSignatures = new ArrayList<>();
    ByteArrayOutputStream subkeys = new ByteArrayOutputStream();
    List<SigningKey> subkeyList = new ArrayList<>();
    int at = start + 1;
    while (at < packets.size() && packets.get(at).tag() != TAG_PUBLIC_KEY) {
      PgpPackets.Packet p = packets.get(at++);
      switch (p.tag()) {
        case TAG_USER_ID -> {
          ByteArrayOutputStream others = new ByteArrayOutputStream();
          PgpPackets.Packet self = null;
          PGPSignature selfSignature = null;
          while (at < packets.size() && packets.get(at).tag() == TAG_SIGNATURE) {
            PgpPackets.Packet s = packets.get(at++);
            PGPSignature sig = signature(s);
            int type = sig.getSignatureType();
            if ((type == PGPSignature.POSITIVE_CERTIFICATION
                    || type == PGPSignature.DEFAULT_CERTIFICATION)
                && sig.getKeyID() == primary.getKeyID()) {
              verifyCertification(sig, primary, new String(p.body(), StandardCharsets.UTF_8));
              self = s;
              selfSignature = sig;
            } else {
              others.writeBytes(s.encoded());
            }
          }
          if (self != null && selfSignature != null) {
            String id = new String(p.body(), StandardCharsets.UTF_8);
            ByteArrayOutputStream identity = new ByteArrayOutputStream();
            identity.writeBytes(p.encoded());
            identity.writeBytes(self.encoded());
            identity.writeBytes(others.toByteArray());
            identities.put(id, identity.toByteArray());
            selfSignatures.add(selfSignature);
          }
        }
        case TAG_PUBLIC_SUBKEY -> {
          PGPPublicKey subkey =
              key(new PgpPackets.Packet(TAG_PUBLIC_KEY, p.body()), SUBKEY_ALGORITHMS);
          if (at >= packets.size() || packets.get(at).tag() != TAG_SIGNATURE) {
            throw invalidKey(
                "error reading PGP public key: subkey packet not followed by signature");
          }
          PgpPackets.Packet s = packets.get(at++);
          PGPSignature binding = signature(s);
          if (binding.getSignatureType() != PGPSignature.SUBKEY_BINDING
              && binding.getSignatureType() != PGPSignature.SUBKEY_REVOCATION) {
            throw invalidKey("error reading PGP public key: subkey signature with wrong type");
          }
          verifySubkey(binding, primary, subkey);
          subkeys.writeBytes(p.encoded());
          subkeys.writeBytes(s.encoded());
          subkeyList.add(new SigningKey(subkey, binding));
        }
        case TAG_SECRET_KEY, TAG_SECRET_SUBKEY ->
            throw invalidKey("a PGP secret key was sent: send only the public key");
        default -> {
          // signatures on the primary key, user attributes and their signatures, trust: dropped
        }
      }
    }
    out.writeBytes(first.encoded());
    identities.values().forEach(out::writeBytes);
    out.writeBytes(subkeys.toByteArray());
    keys.add(new SigningKey(primary, primarySelfSignature(selfSignatures)));
    keys.addAll(subkeyList);
    for (String id : identities.keySet()) {
      Matcher m = EMAIL.matcher(id);
      if (m.find()) {
        emails.add(m.group(1));
      }
    }
    return at;
  }

  private static @Nullable PGPSignature primarySelfSignature(List<PGPSignature> selfSignatures) {
    for (PGPSignature s : selfSignatures) {
      if (s.getHashedSubPackets() != null && s.getHashedSubPackets().isPrimaryUserID()) {
        return s;
      }
    }
    return selfSignatures.isEmpty() ? null : selfSignatures.get(0);
  }

  private static PGPPublicKey key(PgpPackets.Packet packet, Set<Integer> algorithms) {
    PGPPublicKey key;
    try {
      key = new PGPPublicKeyRing(packet.encoded(), FINGERPRINTS).getPublicKey();
    } catch (IOException | RuntimeException e) {
      throw invalidKey("error reading PGP public key: malformed key packet");
    }
    if (key.getVersion() != PublicKeyPacket.VERSION_4) {
      throw invalidKey(
          "error reading PGP public key: only version 4 keys are supported, got "
              + key.getVersion());
    }
    if (!algorithms.contains(key.getAlgorithm())) {
      throw invalidKey(
          "error reading PGP public key: openpgp: unsupported feature: public key type: "
              + key.getAlgorithm()
              + " (Rekor reads RSA, DSA and ECDSA OpenPGP keys, not EdDSA)");
    }
    return key;
  }

  private static PGPSignature signature(PgpPackets.Packet packet) {
    try {
      Object o = new BcPGPObjectFactory(packet.encoded()).nextObject();
      if (o instanceof PGPSignatureList list && !list.isEmpty()) {
        return list.get(0);
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    throw invalidKey("error reading PGP public key: malformed signature packet");
  }

  private static void verifyCertification(PGPSignature sig, PGPPublicKey primary, String id) {
    try {
      sig.init(VERIFIERS, primary);
      if (sig.verifyCertification(id, primary)) {
        return;
      }
    } catch (PGPException | RuntimeException e) {
      // fall through
    }
    throw invalidKey("error reading PGP public key: user ID self-signature invalid");
  }

  private static void verifySubkey(PGPSignature sig, PGPPublicKey primary, PGPPublicKey subkey) {
    try {
      sig.init(VERIFIERS, primary);
      if (sig.verifyCertification(primary, subkey)) {
        return;
      }
    } catch (PGPException | RuntimeException e) {
      // fall through
    }
    throw invalidKey("error reading PGP public key: subkey signature invalid");
  }

  /**
   * Reads a public key as Rekor's {@code pgp.PublicKey} does: one or more armored {@code PGP PUBLIC
   * KEY BLOCK}s, or binary packets.
   *
   * @throws dev.waxseal.server.entries.InvalidEntryException (INVALID_PUBLIC_KEY) naming the
   *     problem
   */
  public static PgpKeyRing parse(byte[] publicKey) {
    return read(PgpArmor.keyBlocks(publicKey));
  }

  /** The entities re-serialized as Go's {@code Entity.Serialize}, concatenated. */
  public byte[] serialized() {
    return serialized.clone();
  }

  /** Primary keys and subkeys, with the self-signature that carries their flags. */
  public List<SigningKey> keys() {
    return keys;
  }

  /** The user IDs' email addresses (Rekor's {@code Subjects()} for PGP keys). */
  public List<String> emails() {
    return emails;
  }

  /** Rekor's canonical key: {@link #serialized()} armored as {@code PGP PUBLIC KEY BLOCK}. */
  public byte[] canonicalArmored() {
    return PgpPackets.armor(PgpArmor.PUBLIC_KEY_TYPE, serialized);
  }
}
