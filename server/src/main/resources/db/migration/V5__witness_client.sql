-- The log's witness client (issue 17, docs/witness.md): what each policy witness has cosigned.
-- V5 because V4 is left to the Rekor v2 work; Flyway accepts the gap.

-- The size each witness last cosigned (or told us in a 409), per tree: the next add-checkpoint
-- request proves consistency from it. A witness is named by its key (names may change).
CREATE TABLE witness_client_state (
  tree_id     BIGINT      NOT NULL REFERENCES trees (tree_id),
  witness_key TEXT        NOT NULL CHECK (witness_key ~ '^[0-9a-f]{64}$'), -- Ed25519 key, hex
  size        BIGINT      NOT NULL CHECK (size >= 0),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tree_id, witness_key)
);

-- Verified cosignature lines, beside the checkpoint they sign: /checkpoint appends them to the
-- stored C2SP note. One line per witness and checkpoint (a later one for the same pair is dropped).
CREATE TABLE checkpoint_cosignatures (
  tree_id     BIGINT      NOT NULL,
  size        BIGINT      NOT NULL,
  witness_key TEXT        NOT NULL CHECK (witness_key ~ '^[0-9a-f]{64}$'),
  line        TEXT        NOT NULL,  -- "— <name> <base64>" as the witness sent it
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tree_id, size, witness_key),
  FOREIGN KEY (tree_id, size) REFERENCES checkpoints (tree_id, size)
);
