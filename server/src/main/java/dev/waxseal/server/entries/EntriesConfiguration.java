package dev.waxseal.server.entries;

import dev.waxseal.server.entries.alpine.AlpineKind;
import dev.waxseal.server.entries.cose.CoseKind;
import dev.waxseal.server.entries.dsse.DsseKind;
import dev.waxseal.server.entries.hashedrekord.HashedRekordKind;
import dev.waxseal.server.entries.helm.HelmKind;
import dev.waxseal.server.entries.intoto.IntotoV001Kind;
import dev.waxseal.server.entries.intoto.IntotoV002Kind;
import dev.waxseal.server.entries.jar.JarKind;
import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import dev.waxseal.server.entries.rekord.RekordKind;
import dev.waxseal.server.entries.rekorv2.RekorV2Entries;
import dev.waxseal.server.entries.rfc3161.Rfc3161Kind;
import dev.waxseal.server.entries.rpm.RpmKind;
import dev.waxseal.server.entries.tuf.TufKind;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Builds the {@link EntryKinds} registry: the only Spring-aware class of the entries feature.
 *
 * <p>{@code waxseal.entries.client-signing-algorithms} (comma-separated flag names as Rekor's
 * {@code --client-signing-algorithms}, e.g. {@code ecdsa-sha2-256-nistp256,ed25519-ph}) narrows the
 * accepted key/digest combinations; unset means Rekor's default list. {@code
 * waxseal.entries.max-envelope-size} (bytes, default 10 MiB) caps DSSE envelopes, and {@code
 * waxseal.entries.max-attestation-size} (bytes, default 100 KiB as Rekor's public instance) the
 * in-toto payloads kept as attestations. {@code waxseal.entries.max-jar-metadata-size} (bytes,
 * default 1 MiB as Rekor's {@code --max_jar_metadata_size}, 0 for no limit) caps each {@code
 * META-INF/} file of a jar entry. {@code waxseal.entries.max-apk-metadata-size} (bytes, default 1
 * MiB as Rekor's {@code --max_apk_metadata_size}) caps the {@code .SIGN} and {@code .PKGINFO} files
 * of alpine entries.
 */
@Configuration(proxyBeanMethods = false)
public class EntriesConfiguration {
  static final String ALGORITHMS_PROPERTY = "waxseal.entries.client-signing-algorithms";
  static final String MAX_ENVELOPE_SIZE_PROPERTY = "waxseal.entries.max-envelope-size";
  static final String MAX_ATTESTATION_SIZE_PROPERTY = "waxseal.entries.max-attestation-size";
  static final String MAX_JAR_METADATA_SIZE_PROPERTY = "waxseal.entries.max-jar-metadata-size";
  static final int DEFAULT_MAX_ATTESTATION_SIZE = 100 * 1024;
  static final String MAX_APK_METADATA_SIZE_PROPERTY = "waxseal.entries.max-apk-metadata-size";
  static final String V2_ACCEPT_DSSE_PROPERTY = "waxseal.entries.v2.accept-dsse";
  static final String V2_MAX_BODY_PROPERTY = "waxseal.entries.v2.max-request-body-size";
  private static final int KEY_CACHE_SIZE = 4096;

  /** The registry of entry kinds this server accepts. */
  @Bean
  public EntryKinds entryKinds(Environment environment) {
    String[] flags = environment.getProperty(ALGORITHMS_PROPERTY, String[].class, new String[0]);
    Set<ClientSigningAlgorithm> allowed = allowedAlgorithms(List.of(flags));
    int maxEnvelopeSize =
        environment.getProperty(
            MAX_ENVELOPE_SIZE_PROPERTY, Integer.class, DsseKind.DEFAULT_MAX_ENVELOPE_SIZE);
    int maxAttestationSize =
        environment.getProperty(
            MAX_ATTESTATION_SIZE_PROPERTY, Integer.class, DEFAULT_MAX_ATTESTATION_SIZE);
    long maxJarMetadataSize =
        environment.getProperty(
            MAX_JAR_METADATA_SIZE_PROPERTY, Long.class, JarKind.DEFAULT_MAX_METADATA_SIZE);
    int maxApkMetadataSize =
        environment.getProperty(
            MAX_APK_METADATA_SIZE_PROPERTY, Integer.class, AlpineKind.DEFAULT_MAX_METADATA_SIZE);
    X509PublicKeyCache keys = new X509PublicKeyCache(KEY_CACHE_SIZE);
    return new EntryKinds(
        kinds(
            allowed,
            keys,
            maxEnvelopeSize,
            maxAttestationSize,
            maxJarMetadataSize,
            maxApkMetadataSize));
  }

  /**
   * The Rekor v2 entry converter ({@code POST /api/v2/log/entries}), with the same client signing
   * algorithms as the v1 kinds. {@code waxseal.entries.v2.accept-dsse} (default true: rekor-tiles
   * v2.2, which older v2 clients need) takes {@code dsseRequestV002}; {@code
   * waxseal.entries.v2.max-request-body-size} (bytes, default 4 MiB as rekor-tiles) caps the body.
   */
  @Bean
  public RekorV2Entries rekorV2Entries(Environment environment) {
    String[] flags = environment.getProperty(ALGORITHMS_PROPERTY, String[].class, new String[0]);
    return new RekorV2Entries(
        allowedAlgorithms(List.of(flags)),
        environment.getProperty(V2_ACCEPT_DSSE_PROPERTY, Boolean.class, true),
        environment.getProperty(
            V2_MAX_BODY_PROPERTY, Integer.class, RekorV2Entries.DEFAULT_MAX_REQUEST_BODY_SIZE));
  }

  /** Every kind this server implements, sharing one key cache. */
  static List<EntryKind> kinds(
      Set<ClientSigningAlgorithm> allowed,
      X509PublicKeyCache keys,
      int maxEnvelopeSize,
      int maxAttestationSize,
      long maxJarMetadataSize,
      int maxApkMetadataSize) {
    return List.of(
        new HashedRekordKind(allowed, keys),
        new DsseKind(keys, maxEnvelopeSize),
        new IntotoV001Kind(keys, maxEnvelopeSize, maxAttestationSize),
        new IntotoV002Kind(keys, maxEnvelopeSize, maxAttestationSize),
        new RekordKind(keys),
        // kinds2: rfc3161, jar, cose, tuf
        new Rfc3161Kind(),
        new JarKind(maxJarMetadataSize),
        new CoseKind(keys, maxAttestationSize),
        new TufKind(Clock.systemUTC()),
        // package kinds (rpm, alpine, helm)
        new RpmKind(),
        new AlpineKind(keys, maxApkMetadataSize),
        new HelmKind());
  }

  /**
   * Parses allow-list flags; an empty list means Rekor's default.
   *
   * @throws IllegalArgumentException naming an unknown flag and the known ones
   */
  static Set<ClientSigningAlgorithm> allowedAlgorithms(List<String> flags) {
    if (flags.stream().allMatch(String::isBlank)) {
      return ClientSigningAlgorithm.REKOR_DEFAULT;
    }
    Set<ClientSigningAlgorithm> allowed = EnumSet.noneOf(ClientSigningAlgorithm.class);
    for (String flag : flags) {
      if (flag.isBlank()) {
        continue;
      }
      allowed.add(
          ClientSigningAlgorithm.fromFlag(flag.strip())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          ALGORITHMS_PROPERTY
                              + ": unknown algorithm '"
                              + flag
                              + "', known: "
                              + knownFlags())));
    }
    return allowed;
  }

  private static String knownFlags() {
    return String.join(
        ", ", EnumSet.allOf(ClientSigningAlgorithm.class).stream().map(a -> a.flag()).toList());
  }
}
