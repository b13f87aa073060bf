package dev.waxseal.server.entries.jar;

import static dev.waxseal.server.entries.jar.JarKind.malformed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * JAR manifests and signature files (the JAR File Specification's {@code MANIFEST.MF} and {@code
 * .SF}) read as relic's {@code signjar} reads them: sections split at the first blank line, headers
 * keyed as Go's {@code http.Header} keys them (MIME-canonical, last value wins), and digests
 * checked as {@code <ALG>-Digest<suffix>: <base64>}.
 */
final class Manifests {
  private Manifests() {}

  /** A parsed manifest: the main section and the named sections. */
  record Parsed(Map<String, String> main, Map<String, Map<String, String>> files) {}

  /** The sections of a manifest as raw bytes, each with its terminating blank line. */
  record Split(List<byte[]> sections, boolean malformed) {}

  static Split split(byte[] manifest) {
    List<byte[]> sections = new ArrayList<>();
    boolean bad = false;
    int start = 0;
    while (start < manifest.length) {
      int crlf = indexOf(manifest, start, "\r\n\r\n");
      int lf = indexOf(manifest, start, "\n\n");
      int end;
      if (crlf >= 0) {
        end = crlf + 4;
      } else if (lf >= 0) {
        end = lf + 2;
      } else {
        end = manifest.length;
        bad = true;
      }
      byte[] section = java.util.Arrays.copyOfRange(manifest, start, end);
      start = end;
      if (new String(section, StandardCharsets.ISO_8859_1).isBlank()) {
        bad = true;
        continue;
      }
      sections.add(section);
    }
    return new Split(sections, bad);
  }

  private static int indexOf(byte[] data, int from, String ascii) {
    byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = from; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Parses a manifest or signature file; relic refuses bad line endings. */
  static Parsed parse(byte[] manifest) {
    Split split = split(manifest);
    if (split.sections().isEmpty()) {
      throw malformed("manifest has no sections");
    }
    if (split.malformed()) {
      throw malformed("manifest has incorrect line ending sequence");
    }
    Map<String, String> main = section(split.sections().get(0));
    Map<String, Map<String, String>> files = new LinkedHashMap<>();
    for (byte[] raw : split.sections().subList(1, split.sections().size())) {
      Map<String, String> headers = section(raw);
      String name = headers.getOrDefault("Name", "");
      if (name.isEmpty()) {
        throw malformed("manifest has section with no \"Name\" attribute");
      }
      files.put(name, headers);
    }
    return new Parsed(main, files);
  }

  /** One section's headers: continuation lines joined, keys MIME-canonical, values trimmed. */
  static Map<String, String> section(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n ", "");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw malformed("jar manifest is malformed");
      }
      headers.put(
          canonicalKey(line.substring(0, colon).strip()), line.substring(colon + 1).strip());
    }
    return headers;
  }

  /** Go's {@code textproto.CanonicalMIMEHeaderKey}. */
  static String canonicalKey(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean token = c < 0x80 && c > 0x20 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0 && c != 0x7f;
      if (!token) {
        return key;
      }
    }
    StringBuilder out = new StringBuilder(key.length());
    boolean upper = true;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return out.toString();
  }

  /**
   * Checks every {@code <ALG>-Digest<suffix>} header of {@code headers} against {@code content}.
   *
   * @return false if the section has no such header (relic's {@code errNoDigests})
   * @throws dev.waxseal.server.entries.InvalidEntryException on an unknown algorithm or a mismatch
   */
  static boolean checkDigests(
      Map<String, String> headers, byte[] content, String suffix, String context) {
    String ending = canonicalKey("-Digest" + suffix);
    boolean any = false;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String key = header.getKey();
      if (!key.endsWith(ending)) {
        continue;
      }
      String hashName = key.substring(0, key.length() - ending.length()).toUpperCase(Locale.ROOT);
      Digest digest =
          digest(hashName)
              .orElseThrow(
                  () -> malformed(context + "unknown digest key in manifest: " + hashName));
      any = true;
      byte[] out = new byte[digest.getDigestSize()];
      digest.update(content, 0, content.length);
      digest.doFinal(out, 0);
      String calculated = Base64.getEncoder().encodeToString(out);
      if (!calculated.equals(header.getValue())) {
        throw malformed(
            context
                + key
                + " mismatch: manifest "
                + header.getValue()
                + " != calculated "
                + calculated);
      }
    }
    return any;
  }

  /** Lightweight Bouncy Castle digests: no JCA provider lookup on the request path. */
  private static Optional<Digest> digest(String name) {
    return Optional.ofNullable(
        switch (name) {
          case "SHA1", "SHA-1" -> new SHA1Digest();
          case "SHA224", "SHA-224" -> new SHA224Digest();
          case "SHA256", "SHA-256" -> new SHA256Digest();
          case "SHA384", "SHA-384" -> new SHA384Digest();
          case "SHA512", "SHA-512" -> new SHA512Digest();
          default -> null;
        });
  }
}
