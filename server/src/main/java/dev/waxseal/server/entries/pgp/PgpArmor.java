package dev.waxseal.server.entries.pgp;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredInputStream;

/**
 * OpenPGP ASCII armor (RFC 4880 §6) on the way in: decoding one block with its type, and splitting
 * a public key into its key blocks as Go's {@code openpgp.ReadArmoredKeyRing} does. Armor on the
 * way out is {@link PgpPackets#armor}.
 *
 * <p>Stateless.
 */
public final class PgpArmor {
  /** The armor type of an OpenPGP signature. */
  public static final String SIGNATURE_TYPE = "PGP SIGNATURE";

  /** The armor type of OpenPGP public keys. */
  public static final String PUBLIC_KEY_TYPE = "PGP PUBLIC KEY BLOCK";

  private static final String PRIVATE_KEY_TYPE = "PGP PRIVATE KEY BLOCK";
  private static final String END = "-----END PGP";

  /**
   * A decoded armor block.
   *
   * @param type the word(s) between {@code -----BEGIN } and {@code -----}
   * @param data the decoded binary packets
   */
  // Short-lived: never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  public record Block(String type, byte[] data) {}

  private PgpArmor() {}

  /** Decodes one armor block, or empty if {@code armored} is not a well-formed block. */
  public static Optional<Block> decode(byte[] armored) {
    try (ArmoredInputStream in = new ArmoredInputStream(new ByteArrayInputStream(armored))) {
      String header = in.getArmorHeaderLine(); // before reading: the stream forgets it at the end
      byte[] data = in.readAllBytes();
      if (header == null || !header.startsWith("-----BEGIN ") || !header.endsWith("-----")) {
        return Optional.empty();
      }
      return Optional.of(new Block(header.substring(11, header.length() - 5), data));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The binary key blocks of a public key: each armored block in turn, or the input as binary.
   *
   * @throws InvalidEntryException (INVALID_PUBLIC_KEY) for malformed armor, a secret key or another
   *     armor type
   */
  static List<byte[]> keyBlocks(byte[] publicKey) {
    String text = new String(publicKey, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("-----BEGIN PGP")) {
      return List.of(publicKey);
    }
    List<byte[]> blocks = new ArrayList<>();
    StringBuilder buffer = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      buffer.append(line).append('\n');
      if (line.startsWith(END)) {
        Block block =
            decode(buffer.toString().getBytes(StandardCharsets.ISO_8859_1))
                .orElseThrow(() -> invalidKey("invalid PGP public key provided: malformed armor"));
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

  static InvalidEntryException invalidKey(String detail) {
    return new InvalidEntryException(Reason.INVALID_PUBLIC_KEY, detail);
  }

  static InvalidEntryException invalidSignature(String detail) {
    return new InvalidEntryException(Reason.INVALID_SIGNATURE, detail);
  }
}
