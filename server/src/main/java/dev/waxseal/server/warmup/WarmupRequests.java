package dev.waxseal.server.warmup;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Tells the warm-up's own loopback requests from a client's: they carry {@link #HEADER} with a
 * random token that only this process knows, so that the API metrics, the error counters, the
 * request log and the rate limits can leave them out (a replica's first figures would otherwise be
 * thousands of 400s from 127.0.0.1, and a production rate limit would refuse the warm-up).
 */
public final class WarmupRequests {
  /** The header the loopback warm-up sets on each of its requests. */
  public static final String HEADER = "Waxseal-Warmup";

  private static final String TOKEN = newToken();

  private WarmupRequests() {}

  /** Whether {@code request} is one of this process's warm-up requests. */
  public static boolean isWarmup(HttpServletRequest request) {
    String value = request.getHeader(HEADER);
    return value != null
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.US_ASCII), TOKEN.getBytes(StandardCharsets.US_ASCII));
  }

  static String token() {
    return TOKEN;
  }

  private static String newToken() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
