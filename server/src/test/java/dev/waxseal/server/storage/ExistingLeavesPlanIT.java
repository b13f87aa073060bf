package dev.waxseal.server.storage;

import static dev.waxseal.server.storage.StoreFixture.activeTree;
import static dev.waxseal.server.storage.StoreFixture.column;
import static dev.waxseal.server.storage.StoreFixture.entry;
import static dev.waxseal.server.storage.StoreFixture.execute;
import static dev.waxseal.server.storage.StoreFixture.leafHash;
import static dev.waxseal.server.storage.StoreFixture.migratedStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.server.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The batch's duplicate check stays a unique-index lookup per hash as a tree grows from empty. A
 * cold server's first batches, and a fresh shard's, are where PostgreSQL would cache a generic plan
 * for it; made before the partition holds more than a few pages, such a plan scans the whole
 * partition and is kept while the tree grows (issue 19's slow mode: 20 ms a batch at 50,000
 * entries, under the head lock). So the store plans it afresh for every batch.
 */
class ExistingLeavesPlanIT {
  private static final long TREE = 77;
  private static final int ENTRIES = 20_000;

  @Test
  void eachBatchIsPlannedWithItsOwnValuesAndProbesTheLeafHashIndex() throws Exception {
    TestDatabase.Coordinates db = TestDatabase.create();
    PostgresLogStore store = migratedStore(db);
    try (Connection c = db.connect()) {
      store.createImportedTree(c, activeTree(TREE), PostgresLogStore.REKOR_V1);
      // The worst start: the partition analyzed while empty, as autovacuum may find it, then many
      // batches (pgjdbc would prepare a statement on the server from its fifth use, and PostgreSQL
      // would switch it to a generic plan from the sixth).
      execute(c, "ANALYZE entries_" + TREE);
      for (int i = 0; i < 12; i++) {
        assertThat(store.existingLeaves(c, TREE, List.of(leafHash(i)))).isEmpty();
      }
      assertThat(
              column(
                  c,
                  "SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%unnest(%'"))
          .as("no cached plan of the duplicate check on the server")
          .isEmpty();

      List<EntryRow> rows = new ArrayList<>();
      for (int i = 0; i < ENTRIES; i++) {
        rows.add(entry(TREE, i));
      }
      store.insertEntries(c, TREE, rows);

      // What a batch's own plan is now: the unique index, probed once per hash.
      String plan =
          String.join(
              "\n",
              column(
                  c,
                  "EXPLAIN (ANALYZE, COSTS OFF) "
                      + PostgresLogStore.SELECT_EXISTING_LEAVES
                          .replaceFirst("\\?", Long.toString(TREE))
                          .replaceFirst(
                              "\\?",
                              "ARRAY[decode('"
                                  + leafHash(7).hex()
                                  + "', 'hex'), decode('"
                                  + leafHash(ENTRIES + 7).hex()
                                  + "', 'hex')]")));
      System.out.println("duplicate check after " + ENTRIES + " entries:\n" + plan);
      assertThat(plan)
          .contains("SubPlan")
          .contains("Index Scan using entries_" + TREE + "_tree_id_leaf_hash_key")
          .contains("leaf_hash = h.leaf_hash")
          .doesNotContain("Rows Removed by Filter")
          .doesNotContain("Seq Scan");

      // And the lookup itself: the hashes already in the tree, with their indexes, and no other.
      List<Hash> asked =
          List.of(leafHash(0), leafHash(ENTRIES - 1), leafHash(ENTRIES), leafHash(5));
      assertThat(store.existingLeaves(c, TREE, asked))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(leafHash(0), 0L, leafHash(ENTRIES - 1), (long) ENTRIES - 1, leafHash(5), 5L));
      assertThat(store.existingLeaves(c, TREE, List.of(leafHash(ENTRIES + 1)))).isEmpty();
    }
  }
}
