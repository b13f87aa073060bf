package dev.waxseal.server.witness;

import dev.waxseal.merkle.note.NoteFormatException;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteVerifier;
import dev.waxseal.merkle.note.VerifierKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The logs this witness cosigns for, from the {@code WAXSEAL_WITNESS_LOGS} file: one {@code
 * <origin> <vkey>} line per log key.
 *
 * <pre>
 * # comment lines and blank lines are skipped
 * example.com/log42 example.com/log42+1a2b3c4d+AX…                    Ed25519 (type 0x01)
 * rekor.example - 1234 rekor.example+c0d23d6a+AjBZ…                    ECDSA (type 0x02)
 * </pre>
 *
 * <p>The vkey is the last field, so an origin may contain spaces (Rekor v1's {@code "<host> -
 * <treeID>"}). A log may have several keys (one line each, e.g. during a rotation): a checkpoint is
 * accepted if one of them verifies it. Immutable.
 */
final class WitnessedLogs {
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private final Map<String, List<NoteVerifier>> byOrigin;

  private WitnessedLogs(Map<String, List<NoteVerifier>> byOrigin) {
    this.byOrigin = byOrigin;
  }

  /**
   * Parses the logs file.
   *
   * @throws IllegalArgumentException naming the line and the rule: no vkey, a bad vkey, an
   *     unsupported key type, a key listed twice, or no log at all
   */
  static WitnessedLogs parse(String file) {
    Map<String, List<NoteVerifier>> byOrigin = new LinkedHashMap<>();
    String[] lines = file.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "witness logs line " + (i + 1) + ": ";
      int space = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
      if (space < 0) {
        throw new IllegalArgumentException(where + "want \"<origin> <vkey>\"");
      }
      String origin = line.substring(0, space).strip();
      VerifierKey vkey;
      try {
        vkey = VerifierKey.parse(line.substring(space + 1));
      } catch (NoteFormatException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
      List<NoteVerifier> keys = byOrigin.computeIfAbsent(origin, o -> new ArrayList<>());
      NoteVerifier verifier = verifier(vkey, where);
      for (NoteVerifier other : keys) {
        if (other.keyName().equals(verifier.keyName()) && other.keyId() == verifier.keyId()) {
          throw new IllegalArgumentException(where + "key " + vkey.format() + " listed twice");
        }
      }
      keys.add(verifier);
    }
    if (byOrigin.isEmpty()) {
      throw new IllegalArgumentException("the witness logs file lists no log");
    }
    byOrigin.replaceAll((origin, keys) -> List.copyOf(keys));
    return new WitnessedLogs(Map.copyOf(byOrigin));
  }

  /** The verifiers trusted for {@code origin}, if it is a witnessed log. */
  Optional<List<NoteVerifier>> keys(String origin) {
    return Optional.ofNullable(byOrigin.get(origin));
  }

  /** The number of witnessed logs. */
  int size() {
    return byOrigin.size();
  }

  private static NoteVerifier verifier(VerifierKey vkey, String where) {
    try {
      return switch (vkey.signatureType()) {
        case NoteKeys.ED25519 -> {
          byte[] raw = vkey.publicKey();
          byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
          System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
          System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
          yield new JdkVerifier(vkey.name(), vkey.keyId(), publicKey("Ed25519", spki), "Ed25519");
        }
        case NoteKeys.ECDSA ->
            new JdkVerifier(
                vkey.name(), vkey.keyId(), publicKey("EC", vkey.publicKey()), "SHA256withECDSA");
        default ->
            throw new IllegalArgumentException(
                where
                    + "vkey "
                    + vkey.name()
                    + " is a cosignature key; a log key is Ed25519 (0x01) or ECDSA (0x02)");
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(where + "vkey key is not valid: " + e.getMessage(), e);
    }
  }

  private static PublicKey publicKey(String algorithm, byte[] spki)
      throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
  }

  /** A log key checked with the JDK's provider; throws on every failure, as NoteVerifier owes. */
  private record JdkVerifier(String keyName, int keyId, PublicKey key, String algorithm)
      implements NoteVerifier {
    @Override
    public void verify(byte[] message, byte[] signature) throws GeneralSecurityException {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(message);
      if (!verifier.verify(signature)) {
        throw new SignatureException(algorithm + " signature does not verify");
      }
    }
  }
}
