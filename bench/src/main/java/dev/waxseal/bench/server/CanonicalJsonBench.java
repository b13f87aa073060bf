package dev.waxseal.bench.server;

import dev.waxseal.server.entries.CanonicalJson;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;

/**
 * RFC 8785 canonicalization ({@link CanonicalJson}) of a P-256 hashedrekord proposed entry (about
 * 600 bytes, the size of a stored body): from a parsed tree, and parse plus canonicalize.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class CanonicalJsonBench {
  private byte[] json = new byte[0];
  private JsonNode tree = CanonicalJson.parse(new byte[] {'{', '}'});

  @Setup
  public void setUp() throws Exception {
    json = new ClientEntries(ClientEntries.KeyType.P256).next(new Random(1));
    tree = CanonicalJson.parse(json);
  }

  /** Serialize a parsed tree canonically. */
  @Benchmark
  public byte[] canonicalizeTree() {
    return CanonicalJson.canonicalize(tree);
  }

  /** Parse the bytes (Jackson tree), then serialize canonically. */
  @Benchmark
  public byte[] parseAndCanonicalize() {
    return CanonicalJson.canonicalize(json);
  }

  /** Parse only, for reference. */
  @Benchmark
  public JsonNode parse() {
    return CanonicalJson.parse(json);
  }
}
