package dev.waxseal.server.entries;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One kind and apiVersion of log entry (Rekor's {@code EntryImpl}): the extension point through
 * which new entry types are added.
 *
 * <p>Implementations owe the log these guarantees:
 *
 * <ul>
 *   <li>{@link #canonicalize} MUST parse the spec strictly enough to build the body, validate every
 *       field it keeps, and verify every signature before returning. It MUST NOT return a body for
 *       an entry whose signature does not verify.
 *   <li>The returned body MUST be byte-for-byte what Rekor v1 stores for the same proposed entry:
 *       only the fields Rekor keeps, keys and certificates re-encoded as Rekor does, serialized
 *       with {@link CanonicalJson} (RFC 8785). Equal inputs MUST give equal bytes, since the leaf
 *       hash is the entry's identity and the duplicate check.
 *   <li>Search keys MUST be the ones Rekor's {@code IndexKeys()} gives, lower-cased.
 *   <li>Every refusal MUST be an {@link InvalidEntryException} whose message tells the client what
 *       to fix; other exceptions mean a server bug (HTTP 500).
 *   <li>Implementations MUST be thread-safe and SHOULD NOT do per-call provider or mapper lookups:
 *       they run on the request path of every append.
 * </ul>
 */
public interface EntryKind {
  /** Why an entry is being canonicalized; insertion applies policy that a search does not. */
  enum Purpose {
    /** {@code POST /api/v1/log/entries}: full validation and the server's algorithm policy. */
    APPEND,
    /**
     * {@code POST /api/v1/log/entries/retrieve}: full validation, but no insertion-only policy
     * (Rekor's search path skips the algorithm allow-list).
     */
    SEARCH
  }

  /** The kind name, as in the proposed entry's {@code kind} ({@code "hashedrekord"}). */
  String kind();

  /** The version, as in the proposed entry's {@code apiVersion} ({@code "0.0.1"}). */
  String apiVersion();

  /**
   * Validates and verifies the proposed entry's {@code spec} and builds its canonical form.
   *
   * @param spec the {@code spec} member of the proposed entry, as the client sent it
   * @throws InvalidEntryException if the entry must be refused
   */
  CanonicalEntry canonicalize(JsonNode spec, Purpose purpose);

  /**
   * The search keys of an entry already logged, derived from its stored canonical {@code spec}: the
   * keys {@link #canonicalize} gave when the entry was appended ({@code import-rekor} and {@code
   * import} rebuild the index from stored bodies, which lack the artifact, envelope or package the
   * append path reads). No signature is verified: the body was accepted by the log it comes from,
   * and the caller checks that log's proofs. Where the body lacks what a key is computed from, the
   * kind says so and returns what it can.
   *
   * <p>The default suits kinds whose stored spec is also a complete proposed spec.
   *
   * @param spec the {@code spec} member of the stored body
   * @param attestation the attestation stored beside the entry, if any ({@code intoto}: the DSSE
   *     payload; {@code cose}: the message), from which keys the body lacks are read
   * @throws InvalidEntryException if the stored spec does not parse
   */
  default List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    return canonicalize(spec, Purpose.SEARCH).searchKeys();
  }

  /**
   * Whether entries of this kind may carry an attestation ({@link CanonicalEntry#attestation}), so
   * that readers look one up only where one can exist.
   */
  default boolean storesAttestations() {
    return false;
  }

  /**
   * The search key under which this kind indexes a public key of {@code format} (Rekor's {@code
   * pgp}, {@code x509}, {@code minisign}, {@code ssh}, {@code tuf}), if it indexes such keys.
   *
   * @throws InvalidEntryException if the key does not parse in that format
   */
  default Optional<String> publicKeySearchKey(String format, byte[] publicKey) {
    return Optional.empty();
  }
}
