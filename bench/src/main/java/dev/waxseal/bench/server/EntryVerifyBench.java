package dev.waxseal.bench.server;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.hashedrekord.HashedRekordKind;
import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The entry work of one {@code POST /api/v1/log/entries}: parse the body, then {@link
 * EntryKinds#canonicalize} (dispatch, key parsing, signature verification over the digest,
 * canonical body, leaf hash, search keys), per key type.
 *
 * <p>{@code keys=hit}: 64 entries signed by one key, so the parsed key comes from the server's key
 * cache (one long-lived client key). {@code keys=miss}: 16 keys in turn through a one-key cache, so
 * every entry parses its key (short-lived keys, as Fulcio certificates are).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class EntryVerifyBench {
  private static final int ENTRIES = 64;

  @Param({"P256", "P384", "RSA2048", "ED25519PH"})
  String keyType = "P256";

  @Param({"hit", "miss"})
  String keys = "hit";

  private final List<byte[]> bodies = new ArrayList<>(ENTRIES);
  private EntryKinds kinds = new EntryKinds(List.of(HashedRekordKind.withRekorDefaults()));
  private int next;

  @Setup
  public void setUp() throws Exception {
    Random random = new Random(8);
    boolean miss = keys.equals("miss");
    List<ClientEntries> signers = new ArrayList<>();
    for (int i = 0; i < (miss ? 16 : 1); i++) {
      signers.add(new ClientEntries(ClientEntries.KeyType.valueOf(keyType)));
    }
    for (int i = 0; i < ENTRIES; i++) {
      bodies.add(signers.get(i % signers.size()).next(random));
    }
    X509PublicKeyCache cache = new X509PublicKeyCache(miss ? 1 : 4096);
    kinds =
        new EntryKinds(List.of(new HashedRekordKind(ClientSigningAlgorithm.REKOR_DEFAULT, cache)));
    for (byte[] body : bodies) {
      kinds.canonicalize(CanonicalJson.parse(body)); // every entry is valid
    }
  }

  /** Parse and canonicalize one proposed entry. */
  @Benchmark
  public CanonicalEntry parseAndCanonicalize() {
    return kinds.canonicalize(CanonicalJson.parse(bodies.get(next++ & (ENTRIES - 1))));
  }
}
