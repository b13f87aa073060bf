package dev.waxseal.server.witnessclient;

import java.util.Locale;

/** What readers see while cosignatures are missing ({@code WAXSEAL_WITNESS_MODE}). */
public enum WitnessMode {
  /** Readers see every checkpoint at once; cosignatures are added when they arrive. */
  FAIL_OPEN,
  /** Readers see only the newest checkpoint whose cosignatures meet the policy. */
  FAIL_CLOSED;

  /**
   * Parses {@code fail-open} or {@code fail-closed}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static WitnessMode parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "fail-open" -> FAIL_OPEN;
      case "fail-closed" -> FAIL_CLOSED;
      default ->
          throw new IllegalArgumentException(
              "WAXSEAL_WITNESS_MODE is \"" + value + "\"; use fail-open or fail-closed");
    };
  }
}
