package dev.waxseal.server.entries.tuf;

import static dev.waxseal.server.entries.tuf.TufKind.malformed;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The key database of a TUF root (go-tuf 0.7's {@code verify.DB}, filled as Rekor's {@code
 * pkg/pki/tuf.NewPublicKey} fills it): every key of {@code keys} under its key id as given (TAP 12:
 * ids are not recomputed), every role of {@code roles} with its key ids and a threshold of at least
 * 1.
 */
final class TufRoot {
  private static final Set<String> TOP_LEVEL = Set.of("root", "targets", "snapshot", "timestamp");

  private record Role(Set<String> keyIds, long threshold) {}

  private final Map<String, TufKey> keys;
  private final Map<String, Role> roles;

  private TufRoot(Map<String, TufKey> keys, Map<String, Role> roles) {
    this.keys = keys;
    this.roles = roles;
  }

  /** Builds the database from a root's {@code signed} object. */
  static TufRoot of(JsonNode signed) {
    Map<String, TufKey> keys = new HashMap<>();
    JsonNode keysNode = signed.get("keys");
    if (keysNode != null && !keysNode.isNull()) {
      if (!keysNode.isObject()) {
        throw malformed("tuf: root: keys must be an object");
      }
      for (Map.Entry<String, JsonNode> key : keysNode.properties()) {
        keys.put(key.getKey(), TufKey.parse(key.getKey(), key.getValue()));
      }
    }
    Map<String, Role> roles = new HashMap<>();
    JsonNode rolesNode = signed.get("roles");
    if (rolesNode != null && !rolesNode.isNull()) {
      if (!rolesNode.isObject()) {
        throw malformed("tuf: root: roles must be an object");
      }
      for (Map.Entry<String, JsonNode> role : rolesNode.properties()) {
        roles.put(role.getKey(), role(role.getKey(), role.getValue()));
      }
    }
    return new TufRoot(Map.copyOf(keys), Map.copyOf(roles));
  }

  private static Role role(String name, JsonNode role) {
    if (!role.isObject()) {
      throw malformed("tuf: root: role " + name + " must be an object");
    }
    JsonNode threshold = role.get("threshold");
    long value = 0;
    if (threshold != null && !threshold.isNull()) {
      if (!threshold.isIntegralNumber() || !threshold.canConvertToLong()) {
        throw malformed("tuf: root: role " + name + ": threshold must be an integer");
      }
      value = threshold.longValue();
    }
    if (value < 1) {
      throw malformed("tuf: invalid threshold for role " + name);
    }
    Set<String> ids = new HashSet<>();
    JsonNode keyIds = role.get("keyids");
    if (keyIds != null && !keyIds.isNull()) {
      if (!keyIds.isArray()) {
        throw malformed("tuf: root: role " + name + ": keyids must be an array");
      }
      for (JsonNode id : keyIds.values()) {
        if (!id.isString()) {
          throw malformed("tuf: root: role " + name + ": keyids must be strings");
        }
        ids.add(id.stringValue());
      }
    }
    return new Role(Set.copyOf(ids), value);
  }

  /**
   * go-tuf's {@code DB.Verify(s, role, 0)}: a threshold of distinct role keys signed the canonical
   * {@code signed} (a bad signature by a role key fails at once), the type fits the role, the
   * version is not negative and the metadata has not expired at {@code now}.
   *
   * @throws InvalidEntryException with go-tuf's reason
   */
  void verify(SignedMetadata metadata, String roleName, Instant now) {
    if (metadata.signatures().isEmpty()) {
      throw invalid("tuf: data has no signatures");
    }
    Role role = roles.get(roleName);
    if (role == null) {
      throw invalid("tuf: unknown role " + roleName);
    }
    byte[] message;
    try {
      message = TufCanonicalJson.encode(metadata.signed());
    } catch (IllegalArgumentException e) {
      throw malformed("tuf: " + e.getMessage());
    }
    Set<String> counted = new HashSet<>();
    for (SignedMetadata.Signature signature : metadata.signatures()) {
      TufKey key = keys.get(signature.keyId());
      if (!role.keyIds().contains(signature.keyId()) || key == null) {
        continue;
      }
      if (!key.verify(message, signature.sig())) {
        throw invalid("tuf: signature verification failed");
      }
      counted.add(key.identity());
    }
    if (counted.size() < role.threshold()) {
      throw invalid(
          "tuf: valid signatures did not meet threshold for "
              + roleName
              + ": got "
              + counted.size()
              + ", want "
              + role.threshold());
    }
    String type = metadata.type();
    boolean typeFits =
        TOP_LEVEL.contains(roleName)
            ? type.equalsIgnoreCase(roleName)
            : type.toLowerCase(Locale.ROOT).equals("targets");
    if (!typeFits) {
      throw invalid("tuf: meta file has wrong type");
    }
    if (metadata.version() < 0) {
      throw invalid("tuf: version " + metadata.version() + " is lower than current version 0");
    }
    if (!metadata.expires().isAfter(now)) {
      throw invalid("tuf: " + roleName + " metadata expired at " + metadata.expires());
    }
  }

  private static InvalidEntryException invalid(String detail) {
    return new InvalidEntryException(Reason.INVALID_SIGNATURE, detail);
  }
}
