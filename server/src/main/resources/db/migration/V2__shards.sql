-- Shards as data (issue 15): each tree (a Rekor v1 shard) carries its own identity, key, tile
-- address and final state, and the entries are partitioned by tree, so that a frozen shard's
-- partition can be detached, archived or moved without touching the active one.
-- An existing single-tree database keeps every row and byte: its entries table becomes that
-- tree's partition without being copied.

-- 1. What a tree is, beyond its id, state, logID and virtual offset (V1).
ALTER TABLE trees
  -- The API the tree belongs to; the one-active rule holds per flavour (a Rekor v2 log later).
  ADD COLUMN flavour     TEXT NOT NULL DEFAULT 'rekor_v1' CHECK (flavour IN ('rekor_v1')),
  -- Rekor v1 checkpoint origin, "<hostname> - <treeID>", fixed when the tree is made.
  ADD COLUMN origin      TEXT,
  -- Which configured key signs the tree: 'default' is waxseal.signer.*; others are named in
  -- waxseal.signer.shard-keys.<id>. Frozen trees need no private key: their last checkpoint is
  -- stored, and so is every SET.
  ADD COLUMN key_id      TEXT NOT NULL DEFAULT 'default' CHECK (key_id ~ '^[a-z0-9][a-z0-9-]*$'),
  -- DER SubjectPublicKeyInfo of that key (SHA-256 of it is log_id), so that the public key of
  -- every shard is served even after its private key is retired. NULL only for a tree migrated
  -- from V1, until a server holding its key fills it in at start.
  ADD COLUMN public_key  BYTEA CHECK (public_key IS NULL OR sha256(public_key) = log_id),
  -- C2SP tile API of the tree: its checkpoint origin and its path under waxseal.tiles.prefix
  -- ('' for the first tree, '/<treeID>' for later ones). The origin is NULL only for a tree
  -- migrated from V1, until the server fills in its configured waxseal.tiles.origin at start.
  ADD COLUMN tile_prefix TEXT NOT NULL DEFAULT '' CHECK (tile_prefix ~ '^(/[0-9]+)?$'),
  ADD COLUMN tile_origin TEXT,
  -- Set when the tree is frozen: its final size (its last checkpoint, at that size, is final) and
  -- when that happened.
  ADD COLUMN final_size  BIGINT CHECK (final_size >= 0),
  ADD COLUMN frozen_at   TIMESTAMPTZ;

-- V1 never froze a tree, but say what a frozen one would mean.
UPDATE trees t SET final_size = h.size, frozen_at = now()
  FROM tree_head h WHERE h.tree_id = t.tree_id AND t.state = 'frozen';
-- The origin a V1 tree signed with is the first line of any of its checkpoints.
UPDATE trees t SET origin = (SELECT split_part(c.note, E'\n', 1) FROM checkpoints c
                             WHERE c.tree_id = t.tree_id ORDER BY c.size LIMIT 1);
ALTER TABLE trees
  ALTER COLUMN origin SET NOT NULL,
  ADD CONSTRAINT trees_final_size_iff_frozen
    CHECK ((state = 'frozen') = (final_size IS NOT NULL AND frozen_at IS NOT NULL));
DROP INDEX trees_one_active;
CREATE UNIQUE INDEX trees_one_active ON trees (flavour) WHERE state = 'active';
CREATE UNIQUE INDEX trees_tile_prefix ON trees (flavour, tile_prefix);

-- 2. Entries partitioned by tree (LIST on tree_id, one partition per tree, named entries_<id>).
-- Foreign keys into entries are re-pointed at the partitioned table afterwards.
ALTER TABLE search_keys DROP CONSTRAINT search_keys_tree_id_idx_fkey;
ALTER TABLE attestations DROP CONSTRAINT attestations_tree_id_idx_fkey;
ALTER TABLE entries RENAME TO entries_v1;
ALTER TABLE entries_v1 RENAME CONSTRAINT entries_pkey TO entries_v1_pkey;
ALTER TABLE entries_v1 RENAME CONSTRAINT entries_tree_id_leaf_hash_key
  TO entries_v1_tree_id_leaf_hash_key;
ALTER TABLE entries_v1 RENAME CONSTRAINT entries_tree_id_fkey TO entries_v1_tree_id_fkey;

-- The same columns and checks as V1. A partition must have the parent's checks by name, and
-- PostgreSQL would number automatic names apart from V1's (entries_idx_check1): name them.
CREATE TABLE entries (
  tree_id         BIGINT   NOT NULL REFERENCES trees (tree_id),
  idx             BIGINT   NOT NULL                                       -- leaf index in the tree
                  CONSTRAINT entries_idx_check CHECK (idx >= 0),
  leaf_hash       BYTEA    NOT NULL                                       -- SHA-256(0x00 ‖ body)
                  CONSTRAINT entries_leaf_hash_check CHECK (length(leaf_hash) = 32),
  kind            TEXT     NOT NULL,                                      -- e.g. hashedrekord
  api_version     TEXT     NOT NULL,                                      -- e.g. 0.0.1
  body            BYTEA    NOT NULL,                                      -- canonical entry bytes
  integrated_time BIGINT   NOT NULL                                       -- Unix seconds
                  CONSTRAINT entries_integrated_time_check CHECK (integrated_time >= 0),
  entry_timestamp BYTEA    NOT NULL,                                      -- the SET, as made
  PRIMARY KEY (tree_id, idx),
  UNIQUE (tree_id, leaf_hash)                    -- duplicates → 409, within one tree (as Rekor)
) PARTITION BY LIST (tree_id);

DO $$
DECLARE
  tree BIGINT;
  trees_with_entries INT;
BEGIN
  SELECT count(DISTINCT tree_id) INTO trees_with_entries FROM entries_v1;
  IF trees_with_entries = 1 THEN
    -- The V1 case: one tree. Its table becomes its partition as it is, rows untouched; the
    -- CHECK lets ATTACH skip its own scan.
    SELECT tree_id INTO tree FROM entries_v1 LIMIT 1;
    EXECUTE format('ALTER TABLE entries_v1 ADD CONSTRAINT entries_v1_one_tree'
                   || ' CHECK (tree_id = %s)', tree);
    EXECUTE format('ALTER TABLE entries_v1 RENAME TO entries_%s', tree);
    EXECUTE format('ALTER TABLE entries ATTACH PARTITION entries_%s FOR VALUES IN (%s)',
                   tree, tree);
    EXECUTE format('ALTER TABLE entries_%s DROP CONSTRAINT entries_v1_one_tree', tree);
  END IF;
  -- Every other tree (none in a V1 database, or trees with no entries yet) gets an empty
  -- partition; rows of several trees, should there be any, are copied into theirs.
  FOR tree IN SELECT t.tree_id FROM trees t
              WHERE NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'entries_' || t.tree_id)
  LOOP
    EXECUTE format('CREATE TABLE entries_%s PARTITION OF entries FOR VALUES IN (%s)', tree, tree);
  END LOOP;
  IF to_regclass('entries_v1') IS NOT NULL THEN
    INSERT INTO entries SELECT * FROM entries_v1;
    DROP TABLE entries_v1;
  END IF;
END
$$;

ALTER TABLE search_keys ADD CONSTRAINT search_keys_tree_id_idx_fkey
  FOREIGN KEY (tree_id, idx) REFERENCES entries (tree_id, idx);
ALTER TABLE attestations ADD CONSTRAINT attestations_tree_id_idx_fkey
  FOREIGN KEY (tree_id, idx) REFERENCES entries (tree_id, idx);
