package dev.waxseal.server.entries;

import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The entry kinds this server accepts, looked up by kind and apiVersion; and the dispatch of a
 * whole proposed entry ({@code {"kind", "apiVersion", "spec"}}) to its kind.
 *
 * <p>Immutable and thread-safe.
 */
public final class EntryKinds {
  private final Map<String, Map<String, EntryKind>> byKindAndVersion;
  private final String supported;

  /**
   * Registers {@code kinds}.
   *
   * @throws IllegalArgumentException if two kinds share a kind and apiVersion, or none is given
   */
  public EntryKinds(List<EntryKind> kinds) {
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("at least one entry kind is required");
    }
    Map<String, Map<String, EntryKind>> map = new LinkedHashMap<>();
    for (EntryKind kind : kinds) {
      EntryKind previous =
          map.computeIfAbsent(kind.kind(), k -> new LinkedHashMap<>())
              .putIfAbsent(kind.apiVersion(), kind);
      if (previous != null) {
        throw new IllegalArgumentException(
            "entry kind " + kind.kind() + " " + kind.apiVersion() + " registered twice");
      }
    }
    Map<String, Map<String, EntryKind>> frozen = new LinkedHashMap<>();
    map.forEach((k, versions) -> frozen.put(k, Map.copyOf(versions)));
    this.byKindAndVersion = Map.copyOf(frozen);
    this.supported = String.join(", ", describe(kinds));
  }

  private static List<String> describe(List<EntryKind> kinds) {
    return kinds.stream().map(k -> k.kind() + " " + k.apiVersion()).sorted().toList();
  }

  /** What this server accepts, e.g. {@code "hashedrekord 0.0.1"}, for messages and docs. */
  public String supported() {
    return supported;
  }

  /**
   * The search key of a public key as the kinds index it ({@code publicKey} search), or empty if no
   * kind indexes keys of {@code format}.
   *
   * @throws InvalidEntryException if the key does not parse in that format
   */
  public Optional<String> publicKeySearchKey(String format, byte[] publicKey) {
    for (Map<String, EntryKind> versions : byKindAndVersion.values()) {
      for (EntryKind kind : versions.values()) {
        Optional<String> key = kind.publicKeySearchKey(format, publicKey);
        if (key.isPresent()) {
          return key;
        }
      }
    }
    return Optional.empty();
  }

  /** Whether stored entries of this kind and version may have an attestation to look up. */
  public boolean storesAttestations(String kind, String apiVersion) {
    Map<String, EntryKind> versions = byKindAndVersion.get(kind);
    EntryKind found = versions == null ? null : versions.get(apiVersion);
    return found != null && found.storesAttestations();
  }

  /**
   * Returns the kind registered for {@code kind} and {@code apiVersion}.
   *
   * @throws InvalidEntryException (UNSUPPORTED_KIND or UNSUPPORTED_VERSION) naming what is
   *     supported
   */
  public EntryKind find(String kind, String apiVersion) {
    Map<String, EntryKind> versions = byKindAndVersion.get(kind);
    if (versions == null) {
      throw new InvalidEntryException(
          Reason.UNSUPPORTED_KIND,
          "unknown kind '" + kind + "' specified; this server accepts " + supported);
    }
    EntryKind found = versions.get(apiVersion);
    if (found == null) {
      throw new InvalidEntryException(
          Reason.UNSUPPORTED_VERSION,
          "entry kind '"
              + kind
              + "' does not support inserting entries of version '"
              + apiVersion
              + "'; this server accepts "
              + supported);
    }
    return found;
  }

  /**
   * Canonicalizes a proposed entry for appending to the log: checks the envelope, dispatches to the
   * kind, validates, verifies and applies the server's algorithm policy.
   *
   * @param proposedEntry the request body of {@code POST /api/v1/log/entries}
   * @throws InvalidEntryException if the entry must be refused
   */
  public CanonicalEntry canonicalize(JsonNode proposedEntry) {
    return dispatch(proposedEntry, EntryKind.Purpose.APPEND);
  }

  /**
   * Canonicalizes a proposed entry to look it up ({@code POST /api/v1/log/entries/retrieve}):
   * validated and verified like an append, but without insertion-only policy.
   *
   * @throws InvalidEntryException if the entry is invalid
   */
  public CanonicalEntry canonicalizeForSearch(JsonNode proposedEntry) {
    return dispatch(proposedEntry, EntryKind.Purpose.SEARCH);
  }

  /**
   * The search keys of a stored entry ({@code {"kind", "apiVersion", "spec"}} as the log holds it),
   * as its kind indexed them when it was appended: see {@link EntryKind#storedSearchKeys}.
   * Lower-cased and de-duplicated like {@link CanonicalEntry#searchKeys}.
   *
   * @param attestation the attestation stored with the entry, if any
   * @throws InvalidEntryException if the body does not parse, or its kind is not one of these
   */
  public List<String> storedSearchKeys(JsonNode storedBody, byte @Nullable [] attestation) {
    JsonNode spec = spec(storedBody);
    EntryKind kind =
        find(requiredString(storedBody, "kind"), requiredString(storedBody, "apiVersion"));
    return CanonicalEntry.normalize(kind.storedSearchKeys(spec, attestation));
  }

  private static JsonNode spec(JsonNode entry) {
    if (!entry.isObject()) {
      throw malformed("proposed entry must be a JSON object");
    }
    JsonNode spec = entry.get("spec");
    if (spec == null || spec.isNull()) {
      throw malformed("spec in body is required");
    }
    if (!spec.isObject()) {
      throw malformed("spec in body must be a JSON object");
    }
    return spec;
  }

  private CanonicalEntry dispatch(JsonNode proposedEntry, EntryKind.Purpose purpose) {
    if (!proposedEntry.isObject()) {
      throw malformed("proposed entry must be a JSON object");
    }
    String kind = requiredString(proposedEntry, "kind");
    String apiVersion = requiredString(proposedEntry, "apiVersion");
    EntryKind entryKind = find(kind, apiVersion);
    return entryKind.canonicalize(spec(proposedEntry), purpose);
  }

  private static String requiredString(JsonNode object, String name) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      throw malformed(name + " in body is required");
    }
    if (!value.isString()) {
      throw malformed(name + " in body must be of type string");
    }
    return value.stringValue();
  }

  private static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
