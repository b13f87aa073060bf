-- Waxseal's log schema: everything a log needs, in one place. Every column is explained.
-- Appends are serialized by the row lock on tree_head (SELECT ... FOR UPDATE); readers never lock.

-- One row per Merkle tree (a Rekor "shard"). A frozen tree stays readable; a new tree takes writes.
CREATE TABLE trees (
  tree_id     BIGINT      PRIMARY KEY CHECK (tree_id > 0), -- random positive int64, Rekor's treeID
  state       TEXT        NOT NULL CHECK (state IN ('active', 'frozen')), -- only one is active
  log_id      BYTEA       NOT NULL CHECK (length(log_id) = 32), -- SHA-256(DER SPKI) of its key
  -- Offset of this tree's index 0 in the virtual index space across trees (Rekor's logIndex).
  virtual_offset BIGINT   NOT NULL DEFAULT 0 CHECK (virtual_offset >= 0),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()  -- when the tree was made
);
CREATE UNIQUE INDEX trees_one_active ON trees ((state)) WHERE state = 'active';

-- The latest state of each tree. Its row lock is what orders appends across all processes.
CREATE TABLE tree_head (
  tree_id    BIGINT      PRIMARY KEY REFERENCES trees (tree_id),
  size       BIGINT      NOT NULL CHECK (size >= 0),                -- number of leaves
  root_hash  BYTEA       NOT NULL CHECK (length(root_hash) = 32),   -- RFC 6962 root at size
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()                      -- last publish time
);

-- The log's entries, by position. Bodies are the canonical (RFC 8785) entry bytes: the leaves.
CREATE TABLE entries (
  tree_id         BIGINT   NOT NULL REFERENCES trees (tree_id),
  idx             BIGINT   NOT NULL CHECK (idx >= 0),                     -- leaf index in the tree
  leaf_hash       BYTEA    NOT NULL CHECK (length(leaf_hash) = 32),       -- SHA-256(0x00 ‖ body)
  kind            TEXT     NOT NULL,                                      -- e.g. hashedrekord
  api_version     TEXT     NOT NULL,                                      -- e.g. 0.0.1
  body            BYTEA    NOT NULL,                                      -- canonical entry bytes
  integrated_time BIGINT   NOT NULL CHECK (integrated_time >= 0),        -- Unix seconds
  -- Signed entry timestamp: the log's signature over {body, integratedTime, logID, logIndex},
  -- made once when the entry was integrated and returned unchanged on every read.
  entry_timestamp BYTEA    NOT NULL,
  PRIMARY KEY (tree_id, idx),
  UNIQUE (tree_id, leaf_hash)                                            -- duplicates → 409
);

-- Merkle tree nodes as C2SP tlog-tiles (height 8): a tile holds up to 256 consecutive hashes of
-- one level. A full tile (width 256) never changes again; a partial tile grows in place, and its
-- prefix never changes, so one row serves every older tree size too.
CREATE TABLE tiles (
  tree_id BIGINT   NOT NULL REFERENCES trees (tree_id),
  level   SMALLINT NOT NULL CHECK (level BETWEEN 0 AND 63), -- tile level (node level / 8)
  idx     BIGINT   NOT NULL CHECK (idx >= 0),               -- tile index within its level
  width   SMALLINT NOT NULL CHECK (width BETWEEN 1 AND 256),-- number of hashes present
  hashes  BYTEA    NOT NULL CHECK (length(hashes) = 32 * width), -- concatenated 32-byte hashes
  PRIMARY KEY (tree_id, level, idx)
);

-- Every checkpoint the log signed: one per integrated batch. The same tree size always yields
-- the same bytes to every reader, and consistency can be proven between any two of them.
CREATE TABLE checkpoints (
  tree_id    BIGINT      NOT NULL REFERENCES trees (tree_id),
  size       BIGINT      NOT NULL CHECK (size >= 0),               -- tree size it commits to
  root_hash  BYTEA       NOT NULL CHECK (length(root_hash) = 32),  -- root at that size
  note       TEXT        NOT NULL,  -- signed note, Rekor v1 dialect ("<host> - <treeID>")
  c2sp_note  TEXT,                  -- signed note, C2SP dialect (Ed25519), when a tiles key is set
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),                   -- when it was signed
  PRIMARY KEY (tree_id, size)
);

-- Search keys (artifact hashes, public key fingerprints, emails/subjects), written in the same
-- transaction as their entry, so search results are complete.
CREATE TABLE search_keys (
  search_key TEXT   NOT NULL,  -- lower-cased key, as Rekor's index stores it
  tree_id    BIGINT NOT NULL,  -- the entry's tree
  idx        BIGINT NOT NULL,  -- the entry's leaf index
  PRIMARY KEY (search_key, tree_id, idx),
  FOREIGN KEY (tree_id, idx) REFERENCES entries (tree_id, idx)
);

-- Attestations (decoded DSSE payloads of intoto entries), kept up to a configured size.
CREATE TABLE attestations (
  tree_id BIGINT NOT NULL,  -- the entry's tree
  idx     BIGINT NOT NULL,  -- the entry's leaf index
  data    BYTEA  NOT NULL,  -- the payload bytes, returned as attestation.data
  PRIMARY KEY (tree_id, idx),
  FOREIGN KEY (tree_id, idx) REFERENCES entries (tree_id, idx)
);
