-- Search keys and attestations partitioned by tree like entries (issue 20): a shard's rows of all
-- three live in its own tables (entries_<id>, search_keys_<id>, attestations_<id>), so that a
-- frozen shard can be detached and archived as a whole (docs/capacity.md, "Archiving a frozen
-- shard"). The foreign keys go from each tree's partition to that tree's entries partition, not to
-- the parent tables: detaching one shard's three tables then needs no check against the others',
-- and making a new tree's partitions locks only the new, empty tables.
-- The existing rows are copied into the new partitions (a rewrite of both tables: its time grows
-- with the number of search keys).

ALTER TABLE search_keys RENAME TO search_keys_v5;
ALTER TABLE search_keys_v5 RENAME CONSTRAINT search_keys_pkey TO search_keys_v5_pkey;
ALTER TABLE attestations RENAME TO attestations_v5;
ALTER TABLE attestations_v5 RENAME CONSTRAINT attestations_pkey TO attestations_v5_pkey;

-- The same columns as V1's.
CREATE TABLE search_keys (
  search_key TEXT   NOT NULL,  -- lower-cased key, as Rekor's index stores it
  tree_id    BIGINT NOT NULL,  -- the entry's tree
  idx        BIGINT NOT NULL,  -- the entry's leaf index
  PRIMARY KEY (search_key, tree_id, idx)
) PARTITION BY LIST (tree_id);

CREATE TABLE attestations (
  tree_id BIGINT NOT NULL,  -- the entry's tree
  idx     BIGINT NOT NULL,  -- the entry's leaf index
  data    BYTEA  NOT NULL,  -- the payload bytes, returned as attestation.data
  PRIMARY KEY (tree_id, idx)
) PARTITION BY LIST (tree_id);

DO $$
DECLARE
  tree BIGINT;
BEGIN
  -- Every tree has its entries partition (V2, and PostgresLogStore.createPartition since).
  FOR tree IN SELECT t.tree_id FROM trees t ORDER BY t.tree_id LOOP
    EXECUTE format('CREATE TABLE search_keys_%s PARTITION OF search_keys FOR VALUES IN (%s)',
                   tree, tree);
    EXECUTE format('CREATE TABLE attestations_%s PARTITION OF attestations FOR VALUES IN (%s)',
                   tree, tree);
  END LOOP;
  INSERT INTO search_keys SELECT search_key, tree_id, idx FROM search_keys_v5;
  INSERT INTO attestations SELECT tree_id, idx, data FROM attestations_v5;
  DROP TABLE search_keys_v5;
  DROP TABLE attestations_v5;
  FOR tree IN SELECT t.tree_id FROM trees t ORDER BY t.tree_id LOOP
    EXECUTE format('ALTER TABLE search_keys_%s ADD CONSTRAINT search_keys_%s_entry_fkey'
                   || ' FOREIGN KEY (tree_id, idx) REFERENCES entries_%s (tree_id, idx)',
                   tree, tree, tree);
    EXECUTE format('ALTER TABLE attestations_%s ADD CONSTRAINT attestations_%s_entry_fkey'
                   || ' FOREIGN KEY (tree_id, idx) REFERENCES entries_%s (tree_id, idx)',
                   tree, tree, tree);
  END LOOP;
END
$$;
