package dev.waxseal.server.signing;

import dev.waxseal.merkle.Rfc6962;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The key of the Rekor v2 log: one Ed25519 key that signs its C2SP checkpoints under the origin
 * {@code hostname}, as rekor-tiles does. Wrapped as a {@link ShardKeys} of its own (the log's key
 * is its default and its tiles key), so that the v2 tree is created and integrated by the same code
 * as a v1 shard. (Its trees also carry a Rekor v1 style checkpoint and SETs by the same key; v2
 * clients never see them.)
 */
public final class RekorV2Keys {
  private final String hostname;
  private final LogSigner key;
  private final ShardKeys shardKeys;
  private final byte[] logKeyId;

  /**
   * Creates the key set of the v2 log named {@code hostname}.
   *
   * @throws IllegalArgumentException if {@code key} is not Ed25519 or the name is not a valid key
   *     name
   */
  public RekorV2Keys(String hostname, LogSigner key) {
    if (key.algorithm() != SignatureAlgorithm.ED25519) {
      throw new IllegalArgumentException(
          "the Rekor v2 log key is "
              + key.algorithm()
              + "; it must be Ed25519 (WAXSEAL_V2_KEY_FILE)");
    }
    this.hostname = hostname;
    this.key = key;
    this.shardKeys = new ShardKeys(hostname, Map.of(ShardKeys.DEFAULT, key), key, false, hostname);
    this.logKeyId = checkpointKeyId(hostname, key.publicKeyDer());
  }

  /**
   * The full C2SP checkpoint key ID of an Ed25519 key: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ raw key), the
   * {@code logId.keyId} of Rekor v2 entries and trust material (its first 4 bytes prefix each
   * checkpoint signature).
   */
  static byte[] checkpointKeyId(String name, byte[] spkiDer) {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.writeBytes(name.getBytes(StandardCharsets.UTF_8));
    message.write('\n');
    message.write(0x01);
    message.writeBytes(C2spCheckpointSigner.rawEd25519(spkiDer));
    return Rfc6962.sha256(message.toByteArray());
  }

  /** The log's host name: its checkpoint origin. */
  public String hostname() {
    return hostname;
  }

  /** The log's keys, as a tree of its own flavour needs them. */
  public ShardKeys shardKeys() {
    return shardKeys;
  }

  /** The DER SubjectPublicKeyInfo of the log's key. */
  public byte[] publicKeyDer() {
    return key.publicKeyDer();
  }

  /** The 32-byte checkpoint key ID: the log ID Rekor v2 clients know the log by. */
  public byte[] logKeyId() {
    return logKeyId.clone();
  }
}
