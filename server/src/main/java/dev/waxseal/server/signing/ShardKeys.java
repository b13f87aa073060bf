package dev.waxseal.server.signing;

import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.VerifierKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The keys this server holds for the log's shards, by key id: {@code default} (the log key, {@code
 * waxseal.signer.*}) and any {@code waxseal.signer.shard-keys.<id>}. A rotation names the key of
 * the new shard; a shard keeps its key for life (Rekor PR #2330: a new shard may get a new key,
 * older shards keep verifying with theirs). A frozen shard needs no private key at all: its final
 * checkpoint and every SET are stored.
 *
 * <p>The C2SP checkpoints of every shard are signed by the one tiles key, each under its shard's
 * own origin (so each shard is its own C2SP log, with its own vkey). Thread-safe.
 */
public final class ShardKeys {
  /** The id of the log key configured in {@code waxseal.signer.*}. */
  public static final String DEFAULT = "default";

  private final String hostname;
  private final Map<String, LogSigner> keys;
  private final LogSigner tilesKey;
  private final boolean cosignWithShardKey;
  private final String tileOrigin;
  private final SignerMetrics metrics;
  private final Map<String, ShardSigners> signers = new ConcurrentHashMap<>();

  /**
   * Creates the key set.
   *
   * @param hostname the Rekor v1 checkpoint key name and origin host
   * @param keys the configured keys by id, including {@link #DEFAULT}
   * @param tilesKey the Ed25519 key of C2SP checkpoints
   * @param cosignWithShardKey whether C2SP checkpoints also carry the shard key's ECDSA signature
   * @param tileOrigin the C2SP origin of the first shard; later shards add {@code /<treeID>}
   * @throws IllegalArgumentException if there is no default key
   */
  public ShardKeys(
      String hostname,
      Map<String, LogSigner> keys,
      LogSigner tilesKey,
      boolean cosignWithShardKey,
      String tileOrigin) {
    this(hostname, keys, tilesKey, cosignWithShardKey, tileOrigin, SignerMetrics.NONE);
  }

  /**
   * As above, with every signature of the shards' signers measured by {@code metrics}.
   *
   * @throws IllegalArgumentException if there is no default key
   */
  public ShardKeys(
      String hostname,
      Map<String, LogSigner> keys,
      LogSigner tilesKey,
      boolean cosignWithShardKey,
      String tileOrigin,
      SignerMetrics metrics) {
    if (!keys.containsKey(DEFAULT)) {
      throw new IllegalArgumentException("no " + DEFAULT + " key among " + keys.keySet());
    }
    NoteKeys.requireValidKeyName(hostname);
    this.hostname = hostname;
    this.keys = Map.copyOf(keys);
    this.tilesKey = tilesKey;
    this.cosignWithShardKey = cosignWithShardKey;
    this.tileOrigin = tileOrigin;
    this.metrics = metrics;
  }

  /** The configured key ids. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /** The public identity of key {@code keyId}, if it is configured. */
  public Optional<LogIdentity> identity(String keyId) {
    LogSigner key = keys.get(keyId);
    return key == null ? Optional.empty() : Optional.of(new LogIdentity(key));
  }

  /** The Rekor v1 checkpoint origin of tree {@code treeId}: {@code "<hostname> - <treeID>"}. */
  public String rekorOrigin(long treeId) {
    return NoteKeys.rekorOrigin(hostname, treeId);
  }

  /** The C2SP origin of the first shard (the configured {@code waxseal.tiles.origin}). */
  public String firstTileOrigin() {
    return tileOrigin;
  }

  /** The C2SP origin of a later shard {@code treeId}: the first one's plus {@code /<treeID>}. */
  public String tileOrigin(long treeId) {
    return tileOrigin + "/" + treeId;
  }

  /**
   * The C2SP verifier key ({@code /vkey}) of the shard whose tile origin is {@code tileOrigin}: the
   * tiles key under that name. Needs no shard key, so it is served for retired shards too.
   */
  public VerifierKey tileVerifierKey(String tileOrigin) {
    return new C2spCheckpointSigner(tileOrigin, tilesKey, null).verifierKey();
  }

  /**
   * The signers of a shard signed by key {@code keyId} whose C2SP origin is {@code tileOrigin}.
   *
   * @throws IllegalStateException if {@code keyId} is not configured here
   */
  public ShardSigners signers(String keyId, String tileOrigin) {
    return signers.computeIfAbsent(keyId + " " + tileOrigin, k -> create(keyId, tileOrigin));
  }

  private ShardSigners create(String keyId, String origin) {
    LogSigner key = keys.get(keyId);
    if (key == null) {
      throw new IllegalStateException(
          "shard key '"
              + keyId
              + "' is not configured here; configure waxseal.signer.shard-keys."
              + keyId
              + ".key-file (or .kms-key), or use one of "
              + keys.keySet());
    }
    @Nullable LogSigner cosigner = null;
    if (cosignWithShardKey && key.algorithm() == SignatureAlgorithm.ECDSA_P256_SHA256) {
      cosigner = key;
    }
    // The one place where the signers of the log are made: each purpose gets its own measured view
    // of the key (SignerMetrics), so a KMS outage shows which signatures failed.
    return new ShardSigners(
        new LogIdentity(key),
        new CheckpointSigner(hostname, metrics.metered(key, SignerMetrics.Purpose.CHECKPOINT)),
        new SignedEntryTimestamps(metrics.metered(key, SignerMetrics.Purpose.SET)),
        new C2spCheckpointSigner(
            origin,
            metrics.metered(tilesKey, SignerMetrics.Purpose.C2SP),
            cosigner == null ? null : metrics.metered(cosigner, SignerMetrics.Purpose.C2SP)));
  }
}
