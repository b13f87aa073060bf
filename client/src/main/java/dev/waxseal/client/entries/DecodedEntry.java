package dev.waxseal.client.entries;

import java.util.Set;

/**
 * What a monitor can match in one entry. Every set is sorted and may be empty.
 *
 * @param kind the entry kind ({@code hashedrekord}, {@code dsse}, …), or empty if the body has none
 * @param apiVersion the kind's version, or empty
 * @param emails SAN rfc822Name values of every certificate in the entry
 * @param uris SAN URI values of every certificate
 * @param issuers Fulcio OIDC issuers (extension 1.3.6.1.4.1.57264.1.8, else the legacy .1.1)
 * @param fingerprints hex SHA-256 of the DER SPKI of every public key and certificate key
 * @param digests artifact and payload digests as {@code <alg>:<hex>}, e.g. {@code sha256:ab…}
 * @param subjects in-toto statement subject digests as {@code <alg>:<hex>}
 */
public record DecodedEntry(
    String kind,
    String apiVersion,
    Set<String> emails,
    Set<String> uris,
    Set<String> issuers,
    Set<String> fingerprints,
    Set<String> digests,
    Set<String> subjects) {

  /** Copies the sets. */
  public DecodedEntry {
    emails = Set.copyOf(emails);
    uris = Set.copyOf(uris);
    issuers = Set.copyOf(issuers);
    fingerprints = Set.copyOf(fingerprints);
    digests = Set.copyOf(digests);
    subjects = Set.copyOf(subjects);
  }
}
