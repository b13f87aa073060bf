package dev.waxseal.server.log;

import java.util.Set;
import java.util.TreeSet;

/** A rotation named a key id this server has no key for. */
public final class UnknownShardKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnknownShardKeyException(String keyId, Set<String> configured) {
    super(
        "no shard key '"
            + keyId
            + "' is configured; configure waxseal.signer.shard-keys."
            + keyId
            + ".key-file (or .kms-key), or name one of "
            + new TreeSet<>(configured));
  }
}
