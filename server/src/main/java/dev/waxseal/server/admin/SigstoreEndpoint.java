package dev.waxseal.server.admin;

import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.Tree;
import dev.waxseal.server.signing.RekorV2Keys;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.TreeLifetime;
import dev.waxseal.server.tsa.TimestampAuthority;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/sigstore/trusted-root} and {@code /actuator/sigstore/signing-config}: the
 * Sigstore trust material of the logs this service hosts, for an operator to merge with their
 * Fulcio entry and publish (they are not fetched by clients from here: the management port stays
 * private, as for {@code /actuator/shards}).
 *
 * <ul>
 *   <li>TrustedRoot: one {@code tlogs[]} entry per v1 log key (shards sharing a key share an entry;
 *       its {@code validFor} runs from the first such shard's creation to the last one's freezing)
 *       and one for the v2 log ({@code logId.keyId} = its C2SP checkpoint key ID), and the
 *       timestamp authority's chain.
 *   <li>SigningConfig v0.2: the v2 log ({@code majorApiVersion: 2}) and the v1 API (1), which
 *       always writes to the active shard, and the timestamp authority.
 * </ul>
 */
@Endpoint(id = "sigstore")
final class SigstoreEndpoint {
  static final String TRUSTED_ROOT_MEDIA_TYPE =
      "application/vnd.dev.sigstore.trustedroot+json;version=0.1";
  static final String SIGNING_CONFIG_MEDIA_TYPE =
      "application/vnd.dev.sigstore.signingconfig.v0.2+json";

  private final LogReader v1;
  private final PostgresLogStore store;
  private final @Nullable RekorV2Keys v2Keys;
  private final @Nullable TimestampAuthority tsa;
  private final SigstoreProperties properties;

  SigstoreEndpoint(
      LogReader v1,
      PostgresLogStore store,
      @Nullable RekorV2Keys v2Keys,
      @Nullable TimestampAuthority tsa,
      SigstoreProperties properties) {
    this.v1 = v1;
    this.store = store;
    this.v2Keys = v2Keys;
    this.tsa = tsa;
    this.properties = properties;
  }

  @ReadOperation
  WebEndpointResponse<Map<String, Object>> document(@Selector String name) throws SQLException {
    return switch (name) {
      case "trusted-root" -> new WebEndpointResponse<>(trustedRoot());
      case "signing-config" -> new WebEndpointResponse<>(signingConfig());
      default -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    };
  }

  Map<String, Object> trustedRoot() throws SQLException {
    List<TreeLifetime> lifetimes = store.treeLifetimes();
    List<Object> tlogs = new ArrayList<>();
    Map<String, List<Tree>> byKey = new LinkedHashMap<>();
    for (Tree tree : v1.currentTrees()) {
      byKey.computeIfAbsent(tree.logId().base64(), k -> new ArrayList<>()).add(tree);
    }
    for (Map.Entry<String, List<Tree>> key : byKey.entrySet()) {
      List<Tree> trees = key.getValue();
      byte[] spki = trees.get(trees.size() - 1).publicKeyDer().orElse(null);
      if (spki == null) {
        continue; // a tree migrated from V1 whose key no server confirmed yet
      }
      Instant start = null;
      Instant end = null;
      boolean allFrozen = true;
      for (Tree tree : trees) {
        TreeLifetime lifetime = lifetime(lifetimes, tree.treeId());
        if (lifetime == null) {
          continue;
        }
        start =
            start == null || lifetime.createdAt().isBefore(start) ? lifetime.createdAt() : start;
        Instant frozen = lifetime.frozenAt();
        if (frozen == null) {
          allFrozen = false;
        } else if (end == null || frozen.isAfter(end)) {
          end = frozen;
        }
      }
      tlogs.add(tlog(properties.baseUrl(), spki, start, allFrozen ? end : null, key.getKey()));
    }
    if (v2Keys != null) {
      Instant start =
          lifetimes.stream()
              .filter(l -> l.flavour().equals("rekor_v2"))
              .map(TreeLifetime::createdAt)
              .findFirst()
              .orElse(null);
      tlogs.add(
          tlog(
              properties.v2BaseUrl(),
              v2Keys.publicKeyDer(),
              start,
              null,
              Base64.getEncoder().encodeToString(v2Keys.logKeyId())));
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mediaType", TRUSTED_ROOT_MEDIA_TYPE);
    root.put("tlogs", tlogs);
    root.put("certificateAuthorities", List.of());
    root.put("ctlogs", List.of());
    root.put("timestampAuthorities", tsa == null ? List.of() : List.of(timestampAuthority(tsa)));
    return root;
  }

  Map<String, Object> signingConfig() {
    Instant since = Instant.EPOCH;
    List<Object> rekor = new ArrayList<>();
    if (v2Keys != null) {
      rekor.add(service(properties.v2BaseUrl(), 2, since));
    }
    rekor.add(service(properties.baseUrl(), 1, since));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("mediaType", SIGNING_CONFIG_MEDIA_TYPE);
    config.put("caUrls", List.of());
    config.put("oidcUrls", List.of());
    config.put("rekorTlogUrls", rekor);
    config.put(
        "tsaUrls", tsa == null ? List.of() : List.of(service(properties.tsaUrl(), 1, since)));
    config.put("rekorTlogConfig", Map.of("selector", "ANY"));
    config.put("tsaConfig", Map.of("selector", "ANY"));
    return config;
  }

  private Map<String, Object> service(String url, int majorApiVersion, Instant start) {
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("url", url);
    service.put("majorApiVersion", majorApiVersion);
    service.put("validFor", Map.of("start", start.toString()));
    service.put("operator", properties.operator());
    return service;
  }

  private static @Nullable TreeLifetime lifetime(List<TreeLifetime> lifetimes, long treeId) {
    return lifetimes.stream().filter(l -> l.treeId() == treeId).findFirst().orElse(null);
  }

  /**
   * One {@code tlogs[]} entry. {@code start} is rounded down and {@code end} up to the second, so
   * that the range still holds every entry the key signed.
   */
  private static Map<String, Object> tlog(
      String baseUrl, byte[] spki, @Nullable Instant start, @Nullable Instant end, String keyId) {
    Map<String, Object> validFor = new LinkedHashMap<>();
    Instant from = start == null ? Instant.EPOCH : start.truncatedTo(ChronoUnit.SECONDS);
    validFor.put("start", from.toString());
    if (end != null) {
      validFor.put("end", end.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toString());
    }
    Map<String, Object> publicKey = new LinkedHashMap<>();
    publicKey.put("rawBytes", Base64.getEncoder().encodeToString(spki));
    publicKey.put("keyDetails", keyDetails(spki));
    publicKey.put("validFor", validFor);
    Map<String, Object> tlog = new LinkedHashMap<>();
    tlog.put("baseUrl", baseUrl);
    tlog.put("hashAlgorithm", "SHA2_256");
    tlog.put("publicKey", publicKey);
    tlog.put("logId", Map.of("keyId", keyId));
    return tlog;
  }

  /** The protobuf-specs {@code PublicKeyDetails} of a log key. */
  static String keyDetails(byte[] spki) {
    ASN1ObjectIdentifier algorithm =
        SubjectPublicKeyInfo.getInstance(spki).getAlgorithm().getAlgorithm();
    if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
      return "PKIX_ED25519";
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
      return "PKIX_ECDSA_P256_SHA_256";
    }
    throw new IllegalArgumentException("unsupported log key algorithm " + algorithm);
  }

  private Map<String, Object> timestampAuthority(TimestampAuthority authority) {
    X509Certificate leaf = authority.keys().leaf();
    X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
    Map<String, Object> names = new LinkedHashMap<>();
    names.put("organization", rdn(subject, BCStyle.O));
    names.put("commonName", rdn(subject, BCStyle.CN));
    List<Object> certificates = new ArrayList<>();
    for (X509Certificate certificate : authority.keys().chain()) {
      try {
        certificates.add(
            Map.of("rawBytes", Base64.getEncoder().encodeToString(certificate.getEncoded())));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("cannot encode the TSA chain", e);
      }
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("subject", names);
    entry.put("uri", properties.tsaUrl());
    entry.put("certChain", Map.of("certificates", certificates));
    entry.put(
        "validFor",
        Map.of(
            "start", leaf.getNotBefore().toInstant().truncatedTo(ChronoUnit.SECONDS).toString()));
    return entry;
  }

  private static String rdn(X500Name name, ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }
}
