package dev.waxseal.server.entries;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the public key parsers as {@code POST /api/v2/index/retrieve} reaches them (a {@code
 * publicKey} search), one target per format: OpenPGP key rings, X.509 (PEM keys, certificates and
 * chains), minisign, SSH authorized-key lines and TUF keys. Each input is refused with {@link
 * InvalidEntryException} or gives a search key; see docs/fuzzing.md for how to run them.
 */
@Timeout(10)
class PublicKeyFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void pgp(byte[] key) {
    searchKey("pgp", key);
  }

  @FuzzTest(maxDuration = "5m")
  void x509(byte[] key) {
    searchKey("x509", key);
  }

  @FuzzTest(maxDuration = "2m")
  void minisign(byte[] key) {
    searchKey("minisign", key);
  }

  @FuzzTest(maxDuration = "2m")
  void ssh(byte[] key) {
    searchKey("ssh", key);
  }

  @FuzzTest(maxDuration = "2m")
  void tuf(byte[] key) {
    searchKey("tuf", key);
  }

  private static void searchKey(String format, byte[] key) {
    EntryFuzzing.withinBudget(
        () -> {
          Optional<String> found;
          try {
            found = EntryFuzzing.kinds().publicKeySearchKey(format, key);
          } catch (InvalidEntryException refused) {
            EntryFuzzing.assertClientMessage(refused.getMessage(), key);
            return;
          }
          assertTrue(found.isPresent(), () -> "some kind indexes " + format + " keys");
          assertTrue(!found.get().isEmpty(), "a search key is never empty");
        });
  }
}
