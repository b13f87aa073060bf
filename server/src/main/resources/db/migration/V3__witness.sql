-- Witness mode (C2SP tlog-witness, docs/witness.md): the latest checkpoint this server cosigned for
-- each log it witnesses. V3 because V2 belongs to the shards work; Flyway accepts the gap.
-- A request for a log locks its row (SELECT ... FOR UPDATE), so the check "old size = stored size"
-- and the update to the new size are one atomic step: two concurrent requests cannot roll it back.
CREATE TABLE witnessed_logs (
  origin     TEXT        PRIMARY KEY,                              -- the log's checkpoint origin line
  size       BIGINT      NOT NULL CHECK (size >= 0),              -- size of the latest cosigned checkpoint
  root_hash  BYTEA       NOT NULL CHECK (length(root_hash) = 32), -- its root (empty-tree root at size 0)
  checkpoint TEXT,                                                -- the signed note as received; NULL until the first cosignature
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()                   -- when it last advanced or was re-cosigned
);
