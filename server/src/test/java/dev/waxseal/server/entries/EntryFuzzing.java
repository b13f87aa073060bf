package dev.waxseal.server.entries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.alpine.AlpineKind;
import dev.waxseal.server.entries.dsse.DsseKind;
import dev.waxseal.server.entries.jar.JarKind;
import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every fuzz target of the entry kinds asserts about one input: it ends in an {@link
 * InvalidEntryException} with a message fit for a client (HTTP 400), or in a well-formed canonical
 * entry; within {@link #INPUT_BUDGET}. Any other exception escapes and is the finding.
 */
public final class EntryFuzzing {
  /**
   * The CPU time one input may take, checked after it returns (Jazzer's {@code -timeout} catches
   * the inputs that never return while fuzzing). Parsing a few KiB must never take seconds. CPU
   * time of this thread, not wall time, so that a loaded machine does not make findings.
   */
  public static final Duration INPUT_BUDGET = Duration.ofSeconds(5);

  /** What a refusal's message must not show: library text, class names, stack frames. */
  private static final Pattern LEAK =
      Pattern.compile("Exception|java\\.|org\\.bouncycastle|tools\\.jackson|\\n\\tat ");

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static final EntryKinds KINDS =
      new EntryKinds(
          EntriesConfiguration.kinds(
              ClientSigningAlgorithm.REKOR_DEFAULT,
              new X509PublicKeyCache(64),
              DsseKind.DEFAULT_MAX_ENVELOPE_SIZE,
              EntriesConfiguration.DEFAULT_MAX_ATTESTATION_SIZE,
              JarKind.DEFAULT_MAX_METADATA_SIZE,
              AlpineKind.DEFAULT_MAX_METADATA_SIZE));

  private EntryFuzzing() {}

  /** Every kind, configured with the server's defaults. */
  public static EntryKinds kinds() {
    return KINDS;
  }

  /**
   * Runs one input through {@code canonicalize}.
   *
   * @param input the fuzzer's bytes, which a refusal may quote
   * @return the entry, or null if the input was refused as it should be
   */
  public static @Nullable CanonicalEntry canonicalOrRefused(
      byte[] input, Supplier<CanonicalEntry> canonicalize) {
    long start = cpuNanos();
    CanonicalEntry entry;
    try {
      entry = canonicalize.get();
    } catch (InvalidEntryException refused) {
      assertWithinBudget(start);
      assertClientMessage(refused.getMessage(), input);
      return null;
    }
    assertWithinBudget(start);
    assertWellFormed(entry);
    return entry;
  }

  /**
   * Runs one spec through the kind registered as {@code kind} {@code apiVersion}, for appending.
   */
  public static @Nullable CanonicalEntry canonicalOrRefused(
      byte[] input, String kind, String apiVersion, JsonNode spec) {
    EntryKind entryKind = KINDS.find(kind, apiVersion);
    return canonicalOrRefused(input, () -> entryKind.canonicalize(spec, EntryKind.Purpose.APPEND));
  }

  /** Runs {@code check} on one input and fails if it took longer than {@link #INPUT_BUDGET}. */
  public static void withinBudget(Runnable check) {
    long start = cpuNanos();
    check.run();
    assertWithinBudget(start);
  }

  /**
   * A refusal's message is text a client can act on, not a library's or a stack trace. What looks
   * like a leak but is quoted from {@code input} (an unknown kind's name, say) is the client's own.
   */
  public static void assertClientMessage(@Nullable String message, byte[] input) {
    assertTrue(message != null && !message.isBlank(), "a refusal must say what is wrong");
    String sent = new String(input, StandardCharsets.UTF_8);
    Matcher leak = LEAK.matcher(message);
    while (leak.find()) {
      String found = leak.group();
      assertTrue(sent.contains(found), () -> "refusal leaks internals: " + message);
    }
  }

  /** The body is canonical JSON naming the entry's kind, and the leaf hash is over the body. */
  public static void assertWellFormed(CanonicalEntry entry) {
    byte[] body = entry.body();
    JsonNode parsed = CanonicalJson.parse(body);
    assertArrayEquals(body, CanonicalJson.canonicalize(parsed), "body must be RFC 8785 canonical");
    assertEquals(entry.kind(), parsed.path("kind").asString());
    assertEquals(entry.apiVersion(), parsed.path("apiVersion").asString());
    assertEquals(Rfc6962.leafHash(body), entry.leafHash());
  }

  private static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static void assertWithinBudget(long startNanos) {
    Duration took = Duration.ofNanos(cpuNanos() - startNanos);
    assertTrue(
        took.compareTo(INPUT_BUDGET) <= 0,
        () -> "one input took " + took + " of CPU, over the budget");
  }

  /** A new JSON object, for building specs around the fuzzed bytes. */
  public static ObjectNode object() {
    return CanonicalJson.mapper().createObjectNode();
  }

  /** Standard base64, as the specs carry bytes. */
  public static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** A test resource's bytes, by absolute resource path. */
  public static byte[] resource(String path) {
    try (InputStream in = EntryFuzzing.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
