package dev.waxseal.server.api;

import dev.waxseal.server.entries.alpine.AlpineSamples;
import dev.waxseal.server.entries.cose.CoseSamples;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.entries.helm.HelmSamples;
import dev.waxseal.server.entries.jar.JarSamples;
import dev.waxseal.server.entries.rfc3161.Rfc3161Samples;
import dev.waxseal.server.entries.rpm.RpmSamples;
import dev.waxseal.server.entries.tuf.TufSamples;
import java.util.List;

/**
 * One real, valid proposed entry of each kind and version the server accepts, made with the kinds'
 * own test helpers (signed with generated keys, as their HTTP tests do) but with contents of their
 * own, so that no other test of the same server has created them before.
 */
final class KindSamples {
  /** A proposed entry: its {@code kind}, {@code apiVersion} and the whole request body. */
  record Sample(String kind, String apiVersion, String request) {
    /** As {@link dev.waxseal.server.entries.EntryKinds#supported()} names it. */
    String name() {
      return kind + " " + apiVersion;
    }

    @Override
    public String toString() {
      return name();
    }
  }

  private KindSamples() {}

  /**
   * A sample of every kind; {@code label} (letters, digits, spaces) makes their contents differ
   * from other tests'. Call once per server: the jar sample is the same archive each time.
   */
  static List<Sample> all(String label) {
    try {
      return List.of(
          new Sample(
              "hashedrekord",
              "0.0.1",
              Signers.signed(
                      Signers.Key.P256,
                      Signers.utf8(label + " hashedrekord"),
                      true,
                      "kinds@example.com")
                  .request()),
          new Sample(
              "rekord",
              "0.0.1",
              KindCases.rekordX509(label + " rekord", Kind.P256, true).request()),
          new Sample(
              "dsse",
              "0.0.1",
              KindCases.dsseLike(label + " dsse", "dsse 0.0.1", Kind.P256, false).request()),
          new Sample(
              "intoto",
              "0.0.1",
              KindCases.dsseLike(label + " intoto 1", "intoto 0.0.1", Kind.ED25519, false)
                  .request()),
          new Sample(
              "intoto",
              "0.0.2",
              KindCases.dsseLike(label + " intoto 2", "intoto 0.0.2", Kind.P384, true).request()),
          new Sample("cose", "0.0.1", CoseSamples.proposedEntry(label + " cose")),
          new Sample("rfc3161", "0.0.1", Rfc3161Samples.proposedEntry(label + " rfc3161")),
          new Sample("jar", "0.0.1", JarSamples.proposedEntry("OPENAPI")),
          new Sample("rpm", "0.0.1", RpmSamples.proposedEntry(label.replace(' ', '-'), 61)),
          new Sample("alpine", "0.0.1", AlpineSamples.proposedEntry()),
          new Sample("helm", "0.0.1", HelmSamples.proposedEntry(label + " <helm@example.com>", 62)),
          new Sample("tuf", "0.0.1", TufSamples.proposedEntry(label + " tuf")));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
