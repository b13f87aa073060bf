package dev.waxseal.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The {@code Location} of an entry as Rekor writes it ({@code getEntryURL}): the request's path
 * with the entry id appended, and its query without {@code apiKey}. Like Rekor's, it is relative to
 * the server, since a server cannot know the URL its clients used through proxies.
 */
final class Locations {
  private Locations() {}

  static String entry(HttpServletRequest request, String entryId) {
    String path = request.getRequestURI() + "/" + entryId;
    String query = request.getQueryString();
    if (query == null || query.isEmpty()) {
      return path;
    }
    // Go's url.Values.Encode: keys sorted, apiKey dropped.
    TreeMap<String, List<String>> values = new TreeMap<>();
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (!key.equals("apiKey")) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }
    List<String> encoded = new ArrayList<>();
    values.forEach(
        (key, list) ->
            list.forEach(
                v ->
                    encoded.add(
                        URLEncoder.encode(key, StandardCharsets.UTF_8)
                            + "="
                            + URLEncoder.encode(v, StandardCharsets.UTF_8))));
    return encoded.isEmpty() ? path : path + "?" + String.join("&", encoded);
  }
}
