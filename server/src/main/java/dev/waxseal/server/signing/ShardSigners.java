package dev.waxseal.server.signing;

/**
 * Everything that signs for one tree (shard): its Rekor v1 checkpoints and signed entry timestamps
 * (the shard's key), and its C2SP checkpoints (the tiles key, under the shard's own origin).
 *
 * @param identity the shard key's public identity (logID, public key)
 * @param checkpoints signs Rekor v1 checkpoints with the shard's key
 * @param timestamps signs SETs with the shard's key
 * @param c2spCheckpoints signs C2SP checkpoints under the shard's tile origin
 */
public record ShardSigners(
    LogIdentity identity,
    CheckpointSigner checkpoints,
    SignedEntryTimestamps timestamps,
    C2spCheckpointSigner c2spCheckpoints) {}
