package dev.waxseal.server.api;

import dev.waxseal.merkle.Hash;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A Rekor entry id as a client sends it: a 64-hex UUID (the leaf hash), or an 80-hex entry id, the
 * tree id as 16 hex digits followed by the UUID (Rekor's {@code pkg/sharding}).
 *
 * @param treeId the tree the id names, if it is an 80-hex id
 * @param leafHash the entry's leaf hash
 */
record EntryId(OptionalLong treeId, Hash leafHash) {
  /** The path parameter pattern of Rekor's openapi.yaml. */
  static final String PATTERN = "^([0-9a-fA-F]{64}|[0-9a-fA-F]{80})$";

  private static final Pattern COMPILED = Pattern.compile(PATTERN);
  private static final HexFormat HEX = HexFormat.of();

  /** Whether {@code id} has the form of an entry id or UUID. */
  static boolean matches(String id) {
    return COMPILED.matcher(id).matches();
  }

  /**
   * Parses an id that {@link #matches}.
   *
   * @throws BadRequestException if the tree id part is not a positive int64
   */
  static EntryId parse(String id) {
    if (id.length() == 64) {
      return new EntryId(OptionalLong.empty(), Hash.fromHex(id.toLowerCase(java.util.Locale.ROOT)));
    }
    long treeId = Long.parseUnsignedLong(id.substring(0, 16), 16);
    if (treeId <= 0) {
      // Rekor parses the tree id as an int64; zero is never a tree.
      throw BadRequestException.format(ApiMessages.INCORRECTLY_FORMATTED_UUID, id);
    }
    return new EntryId(
        OptionalLong.of(treeId), Hash.fromHex(id.substring(16).toLowerCase(java.util.Locale.ROOT)));
  }

  /** The 80-hex entry id of the leaf {@code leafHash} in {@code treeId}. */
  static String format(long treeId, Hash leafHash) {
    return HEX.toHexDigits(treeId) + leafHash.hex();
  }
}
