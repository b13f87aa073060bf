package dev.waxseal.server.api.tiles;

import static dev.waxseal.server.api.tiles.ReferenceVerifier.concat;
import static dev.waxseal.server.api.tiles.ReferenceVerifier.hashChildren;
import static dev.waxseal.server.api.tiles.ReferenceVerifier.largestPowerOfTwoBelow;
import static dev.waxseal.server.api.tiles.ReferenceVerifier.sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A tlog-tiles client written from the C2SP specs alone (tlog-tiles, tlog-checkpoint, signed-note)
 * and RFC 6962 / RFC 9162, sharing no code with the server or the merkle module: its own path
 * encoding, SHA-256 through {@code MessageDigest} ({@link ReferenceVerifier}), tile arithmetic,
 * proof building and verification, and the JDK's Ed25519. It checks the server the way a
 * third-party monitor would.
 */
final class TlogTilesClient {
  /** A verified checkpoint. */
  record Checkpoint(String origin, long size, byte[] rootHash, String text) {}

  /** A vkey: {@code <name>+<hex key id>+<base64(0x01 ‖ Ed25519 key)>}. */
  record Vkey(String name, int keyId, PublicKey key) {}

  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final Map<String, byte[]> tiles = new HashMap<>();

  /** A client of the log whose tile prefix is {@code base}, e.g. {@code http://host:port/tlog}. */
  TlogTilesClient(String base) {
    this.base = base;
  }

  /** Fetches {@code path} under the prefix; {@code headers} are name/value pairs. */
  HttpResponse<byte[]> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private byte[] getOk(String path) {
    HttpResponse<byte[]> response = get(path);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          path + ": HTTP " + response.statusCode() + " " + new String(response.body(), UTF8));
    }
    return response.body();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  // ---- signed notes and checkpoints (c2sp.org/signed-note, c2sp.org/tlog-checkpoint) ----

  /** Fetches and parses {@code /vkey}, checking that its key id matches its name and key. */
  Vkey vkey() throws GeneralSecurityException {
    String text = new String(getOk("vkey"), UTF8).strip();
    // The name has no "+" and the id is hex; the base64 key may contain "+": split twice only.
    String[] parts = text.split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalStateException("vkey " + text + " is not name+id+key");
    }
    byte[] blob = Base64.getDecoder().decode(parts[2]);
    if (blob.length != 33 || blob[0] != 0x01) {
      throw new IllegalStateException("vkey is not an Ed25519 (0x01) key");
    }
    byte[] raw = Arrays.copyOfRange(blob, 1, 33);
    int keyId = keyId(parts[0], raw);
    if (!String.format("%08x", keyId).equals(parts[1])) {
      throw new IllegalStateException("vkey id " + parts[1] + " does not match its key");
    }
    byte[] spki = concat(ED25519_SPKI_PREFIX, raw);
    PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    return new Vkey(parts[0], keyId, key);
  }

  /** SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4], big-endian. */
  static int keyId(String name, byte[] rawKey) {
    byte[] digest = sha256(concat(name.getBytes(UTF8), new byte[] {0x0A, 0x01}, rawKey));
    return ByteBuffer.wrap(digest).getInt();
  }

  /** Fetches {@code /checkpoint} and verifies it with {@code vkey}. */
  Checkpoint checkpoint(Vkey vkey) throws GeneralSecurityException {
    return open(new String(getOk("checkpoint"), UTF8), vkey);
  }

  /**
   * Verifies a signed checkpoint note with {@code vkey} and parses its text: the signature line of
   * (name, key id) must verify; other signature lines are ignored.
   */
  static Checkpoint open(String note, Vkey vkey) throws GeneralSecurityException {
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      throw new IllegalStateException("not a signed note: " + note);
    }
    String text = note.substring(0, split + 1);
    boolean verified = false;
    for (String line : note.substring(split + 2).split("\n")) {
      if (!line.startsWith("\u2014 ")) {
        throw new IllegalStateException("bad signature line " + line);
      }
      String[] fields = line.substring(2).split(" ", -1);
      byte[] blob = Base64.getDecoder().decode(fields[1]);
      int keyId = ByteBuffer.wrap(blob).getInt();
      if (fields[0].equals(vkey.name()) && keyId == vkey.keyId()) {
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(vkey.key());
        ed25519.update(text.getBytes(UTF8));
        if (!ed25519.verify(Arrays.copyOfRange(blob, 4, blob.length))) {
          throw new GeneralSecurityException("checkpoint signature does not verify");
        }
        verified = true;
      }
    }
    if (!verified) {
      throw new GeneralSecurityException("no signature by " + vkey.name());
    }
    String[] lines = text.split("\n", -1);
    if (lines.length != 4 || !lines[1].matches("0|[1-9][0-9]*")) {
      throw new IllegalStateException("bad checkpoint text " + text);
    }
    byte[] root = Base64.getDecoder().decode(lines[2]);
    if (root.length != 32) {
      throw new IllegalStateException("root is " + root.length + " bytes");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), root, text);
  }

  // ---- tiles (c2sp.org/tlog-tiles) ----

  /** {@code tile/<L>/<N>[.p/<W>]}, N in 3-digit groups, all but the last prefixed with x. */
  static String tilePath(String level, long index, int width) {
    String digits = Long.toString(index);
    while (digits.length() % 3 != 0) {
      digits = "0" + digits;
    }
    StringBuilder path = new StringBuilder("tile/").append(level).append('/');
    for (int i = 0; i < digits.length(); i += 3) {
      if (i > 0) {
        path.append('/');
      }
      if (i + 3 < digits.length()) {
        path.append('x');
      }
      path.append(digits, i, i + 3);
    }
    return width == 256 ? path.toString() : path + ".p/" + width;
  }

  /** The width of tile {@code index} at {@code level} in a tree of {@code size}: 256 or partial. */
  static int width(int level, long index, long size) {
    long hashes = size >>> (8 * level);
    return index < hashes / 256 ? 256 : (int) (hashes % 256);
  }

  /** Fetches (once) the tile needed at tree size {@code size}. */
  byte[] tile(int level, long index, long size) {
    String path = tilePath(Integer.toString(level), index, width(level, index, size));
    byte[] bytes = tiles.computeIfAbsent(path, this::getOk);
    if (bytes.length != 32 * width(level, index, size)) {
      throw new IllegalStateException(path + " has " + bytes.length + " bytes");
    }
    return bytes;
  }

  /** The tree as seen through its tiles at one size. */
  TreeView at(long size) {
    return new TreeView(size);
  }

  /** RFC 6962 hashes and proofs of the first {@code size} leaves, computed from tiles. */
  final class TreeView {
    final long size;

    TreeView(long size) {
      this.size = size;
    }

    /** Hash {@code i} of tile level {@code level}: the node at tree level 8·level, index i. */
    byte[] tileHash(int level, long i) {
      byte[] tile = tile(level, i / 256, size);
      int offset = (int) (i % 256) * 32;
      return Arrays.copyOfRange(tile, offset, offset + 32);
    }

    /**
     * The complete subtree of height {@code level} over leaves [index·2^level, (index+1)·2^level).
     */
    byte[] node(int level, long index) {
      if (level % 8 == 0) {
        return tileHash(level / 8, index);
      }
      return hashChildren(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
    }

    /** MTH(D[begin:end]) (RFC 6962 §2.1). */
    byte[] mth(long begin, long end) {
      long n = end - begin;
      if (n == 0) {
        return sha256(new byte[0]);
      }
      if (Long.bitCount(n) == 1 && begin % n == 0) {
        return node(Long.numberOfTrailingZeros(n), begin / n);
      }
      long k = largestPowerOfTwoBelow(n);
      return hashChildren(mth(begin, begin + k), mth(begin + k, end));
    }

    byte[] root() {
      return mth(0, size);
    }

    /** PATH(m, D[0:size]) (RFC 6962 §2.1.1), leaf sibling first. */
    List<byte[]> inclusion(long m) {
      List<byte[]> path = new ArrayList<>();
      path(m, 0, size, path);
      return path;
    }

    private void path(long m, long begin, long end, List<byte[]> out) {
      long n = end - begin;
      if (n <= 1) {
        return;
      }
      long k = largestPowerOfTwoBelow(n);
      if (m < k) {
        path(m, begin, begin + k, out);
        out.add(mth(begin + k, end));
      } else {
        path(m - k, begin + k, end, out);
        out.add(mth(begin, begin + k));
      }
    }

    /** PROOF(m, D[0:size]) (RFC 6962 §2.1.2). */
    List<byte[]> consistency(long m) {
      List<byte[]> proof = new ArrayList<>();
      subproof(m, 0, size, true, proof);
      return proof;
    }

    private void subproof(long m, long begin, long end, boolean whole, List<byte[]> out) {
      long n = end - begin;
      if (m == n) {
        if (!whole) {
          out.add(mth(begin, end));
        }
        return;
      }
      long k = largestPowerOfTwoBelow(n);
      if (m <= k) {
        subproof(m, begin, begin + k, whole, out);
        out.add(mth(begin + k, end));
      } else {
        subproof(m - k, begin + k, end, false, out);
        out.add(mth(begin, begin + k));
      }
    }
  }
}
