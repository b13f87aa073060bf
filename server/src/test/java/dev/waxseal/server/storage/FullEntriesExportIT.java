package dev.waxseal.server.storage;

import static dev.waxseal.server.storage.StoreFixture.activeTree;
import static dev.waxseal.server.storage.StoreFixture.column;
import static dev.waxseal.server.storage.StoreFixture.entry;
import static dev.waxseal.server.storage.StoreFixture.execute;
import static dev.waxseal.server.storage.StoreFixture.leafHash;
import static dev.waxseal.server.storage.StoreFixture.migratedStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The export's read of a tree ({@link LogSnapshot#fullEntries}): every entry below the size, in
 * order, with its search keys sorted and its attestation; and the tree's search keys read once for
 * the whole export, not once per entry (a subquery per entry scanned the whole search-key partition
 * each time: 17 ms an entry at 10^5 entries).
 */
class FullEntriesExportIT {
  private static final long TREE = 55;
  private static final int ENTRIES = 5_000;

  @Test
  void entriesComeWithTheirKeysAndAttestationsFromOnePassOverTheKeys() throws Exception {
    TestDatabase.Coordinates db = TestDatabase.create();
    PostgresLogStore store = migratedStore(db);
    try (Connection c = db.connect()) {
      store.createImportedTree(c, activeTree(TREE), PostgresLogStore.REKOR_V1);
      List<EntryRow> rows = new ArrayList<>();
      List<SearchKeyRow> keys = new ArrayList<>();
      for (int i = 0; i < ENTRIES; i++) {
        rows.add(entry(TREE, i));
        if (i % 10 != 3) { // every tenth entry from the fourth has no keys
          keys.add(new SearchKeyRow("sha256:" + i, i));
          keys.add(new SearchKeyRow("email:" + (i % 7) + "@example.com", i));
        }
      }
      store.insertEntries(c, TREE, rows);
      store.insertSearchKeys(c, TREE, keys);
      store.insertAttestations(c, TREE, List.of(new AttestationRow(42, new byte[] {4, 2})));
      execute(c, "ANALYZE");
    }

    List<LogSnapshot.FullEntry> read = new ArrayList<>();
    try (LogSnapshot snapshot = LogSnapshot.open(store.dataSource())) {
      snapshot.fullEntries(TREE, ENTRIES - 1, read::add); // the size bounds the read
    }
    assertThat(read).hasSize(ENTRIES - 1);
    for (int i = 0; i < ENTRIES - 1; i++) {
      LogSnapshot.FullEntry entry = read.get(i);
      assertThat(entry.row().index()).isEqualTo(i);
      assertThat(entry.row().leafHash()).isEqualTo(leafHash(i));
      if (i % 10 == 3) {
        assertThat(entry.searchKeys()).isEmpty();
      } else {
        assertThat(entry.searchKeys())
            .containsExactly("email:" + (i % 7) + "@example.com", "sha256:" + i);
      }
      assertThat(entry.attestation()).isEqualTo(i == 42 ? new byte[] {4, 2} : null);
    }

    try (Connection c = db.connect()) {
      String plan =
          String.join(
              "\n",
              column(
                  c,
                  "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
                      + LogSnapshot.FULL_ENTRIES
                          .replaceFirst("\\?", Long.toString(TREE))
                          .replaceFirst("\\?", Integer.toString(ENTRIES))
                          .replaceFirst("\\?", Long.toString(TREE))
                          .replaceFirst("\\?", Integer.toString(ENTRIES))));
      System.out.println("export read plan:\n" + plan);
      assertThat(plan).doesNotContain("SubPlan");
      List<String> keyScans =
          plan.lines().filter(line -> line.contains("on search_keys_" + TREE)).toList();
      assertThat(keyScans).isNotEmpty().allSatisfy(line -> assertThat(line).contains("loops=1)"));
    }
  }
}
