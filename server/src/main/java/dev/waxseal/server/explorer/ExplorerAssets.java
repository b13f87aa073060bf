package dev.waxseal.server.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;

/**
 * The explorer's files, read once from {@code classpath:/explorer/} and kept in memory (they are a
 * few tens of KiB), each with a strong ETag. Only the names listed here are served: a request can
 * never reach another classpath resource.
 */
final class ExplorerAssets {
  /** A file as served: its bytes, media type and ETag (quoted SHA-256 prefix of its bytes). */
  record Asset(byte[] bytes, MediaType type, String etag) {
    Asset {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  private static final MediaType JS = MediaType.parseMediaType("text/javascript;charset=UTF-8");
  private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");
  private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
  private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

  /** Pages: served at their own paths, with placeholders filled in. */
  static final String HOME = "index.html";

  static final String SEARCH = "search.html";
  static final String ENTRY = "entry.html";

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  /**
   * Reads every file; {@code placeholders} maps {@code {{name}}} in the HTML pages to values, which
   * are HTML-escaped here.
   *
   * @throws IllegalStateException if a listed file is missing from the classpath (a broken build)
   */
  ExplorerAssets(Map<String, String> placeholders) {
    for (String page : new String[] {HOME, SEARCH, ENTRY}) {
      String html = new String(read(page), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> p : placeholders.entrySet()) {
        html = html.replace("{{" + p.getKey() + "}}", escape(p.getValue()));
      }
      put(page, html.getBytes(StandardCharsets.UTF_8), HTML);
    }
    for (String script :
        new String[] {
          "common.js", "home.js", "search.js", "entry.js", "body.js", "der.js", "verify.js"
        }) {
      put(script, read(script), JS);
    }
    put("explorer.css", read("explorer.css"), CSS);
    put("icon.svg", read("icon.svg"), SVG);
  }

  /** The file {@code name}, if it is one of the explorer's. */
  Optional<Asset> get(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  private void put(String name, byte[] bytes, MediaType type) {
    assets.put(name, new Asset(bytes, type, etag(bytes)));
  }

  private static byte[] read(String name) {
    try (InputStream in = ExplorerAssets.class.getResourceAsStream("/explorer/" + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "explorer file /explorer/" + name + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
