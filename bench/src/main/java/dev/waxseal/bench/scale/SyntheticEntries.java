package dev.waxseal.bench.scale;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Synthetic hashedrekord 0.0.1 entries for a bulk-built log, deterministic per index and seed.
 *
 * <p>Each body is the canonical (RFC 8785, keys sorted) form the server stores for a hashedrekord
 * with a P-256 public key: a random artifact digest, random bytes the size of a DER ECDSA signature
 * (never verified: bulk rows skip the entry checks, reads never repeat them) and one of a few fixed
 * public keys. That is ≈ 480 bytes, the load driver's entries' size.
 *
 * <p>Search keys are modelled on a public-good entry (a Fulcio certificate: a fresh key per
 * signature and an identity that repeats), so that {@code search_keys} grows as it would there: the
 * artifact digest ({@code sha256:<hex>}), a key fingerprint unique to the entry, and an email
 * subject from a pool of {@link #IDENTITIES}.
 */
final class SyntheticEntries {
  /** How many distinct email identities sign. */
  static final int IDENTITIES = 10_000;

  private static final HexFormat HEX = HexFormat.of();
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  /** Base64 of a P-256 PUBLIC KEY PEM block: one fixed key, as the body's size is what matters. */
  private static final String PUBLIC_KEY =
      BASE64.encodeToString(
          ("-----BEGIN PUBLIC KEY-----\n"
                  + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7w5ZOw4Mcaj0Lq6Ty8H5U3x9RZoF\n"
                  + "jvZ4xVdUPuQ6mCxR8CMkv7Eno2wFS6IW0L0CEVrD+rNQm/Ln6gpWc7cCAw==\n"
                  + "-----END PUBLIC KEY-----\n")
              .getBytes(StandardCharsets.US_ASCII));

  private final long seed;

  SyntheticEntries(long seed) {
    this.seed = seed;
  }

  /** One entry: its canonical body, search keys and a stand-in for its SET. */
  record Entry(byte[] body, String[] searchKeys, byte[] entryTimestamp) {}

  /** The entry at {@code index}. */
  Entry entry(long index) {
    SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    byte[] signature = new byte[71];
    random.nextBytes(signature);
    byte[] fingerprint = new byte[32];
    random.nextBytes(fingerprint);
    // A DER P-256 signature by the log key is 70-72 bytes. Bulk rows carry random bytes of that
    // size: signing 10^8 SETs would take hours of CPU, and nothing in the benchmark verifies them.
    byte[] set = new byte[71];
    random.nextBytes(set);
    String digestHex = HEX.formatHex(digest);
    String body =
        "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
            + "{\"algorithm\":\"sha256\",\"value\":\""
            + digestHex
            + "\"}},\"signature\":{\"content\":\""
            + BASE64.encodeToString(signature)
            + "\",\"publicKey\":{\"content\":\""
            + PUBLIC_KEY
            + "\"}}}}";
    String[] keys = {
      "sha256:" + digestHex,
      HEX.formatHex(fingerprint),
      "signer" + Math.floorMod(index * 7919, IDENTITIES) + "@example.com"
    };
    return new Entry(body.getBytes(StandardCharsets.US_ASCII), keys, set);
  }
}
