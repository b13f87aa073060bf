package dev.waxseal.client.monitor;

import dev.waxseal.client.entries.DecodedEntry;
import dev.waxseal.client.entries.EntryDecoder;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Hashes and matches a run of consecutive entries, in parallel: decoding certificates is the costly
 * part of a scan, and entries are independent.
 */
final class EntryScan {
  private EntryScan() {}

  /** The leaf hashes and findings of {@code bodies}, the entries from {@code firstIndex}. */
  record Result(List<Hash> leafHashes, List<Finding> findings) {}

  static Result scan(
      List<byte[]> bodies, List<Optional<byte[]>> attestations, long firstIndex, WatchList watch) {
    int n = bodies.size();
    Hash[] hashes = new Hash[n];
    @SuppressWarnings("unchecked")
    List<Finding>[] found = new List[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              byte[] body = bodies.get(i);
              Hash leafHash = Rfc6962.leafHash(body);
              hashes[i] = leafHash;
              found[i] = match(body, attestations.get(i), firstIndex + i, leafHash, watch);
            });
    List<Finding> findings = new ArrayList<>();
    for (List<Finding> list : found) {
      findings.addAll(list);
    }
    return new Result(List.of(hashes), findings);
  }

  private static List<Finding> match(
      byte[] body, Optional<byte[]> attestation, long index, Hash leafHash, WatchList watch) {
    if (watch.size() == 0) {
      return List.of();
    }
    DecodedEntry entry;
    try {
      entry = EntryDecoder.decode(body, attestation);
    } catch (IllegalArgumentException notJson) {
      // Tile logs may hold entries that are not Rekor JSON (Tessera, CT): nothing to match.
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    for (WatchList.Match match : watch.matches(entry)) {
      findings.add(new Finding(index, leafHash.hex(), entry.kind(), match.field(), match.value()));
    }
    return findings;
  }
}
