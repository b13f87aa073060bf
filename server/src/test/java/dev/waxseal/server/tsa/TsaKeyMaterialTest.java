package dev.waxseal.server.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material checks (RFC 3161 §2.3) and where the key comes from at start. */
class TsaKeyMaterialTest {
  private static final TsaKeyMaterial KEYS = TimestampAuthorityTest.KEYS;

  private static X509Certificate leafWith(KeyPair leaf, ExtendedKeyUsage eku, boolean critical)
      throws Exception {
    X509Certificate root = KEYS.root();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            root,
            BigInteger.TEN,
            Date.from(TimestampAuthorityTest.NOW),
            Date.from(TimestampAuthorityTest.NOW.plusSeconds(3600)),
            new X500Name("CN=leaf"),
            leaf.getPublic());
    if (eku != null) {
      builder.addExtension(Extension.extendedKeyUsage, critical, eku);
    }
    // Signed by a stranger: only the EKU rules are under test where this is used first.
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(leaf.getPrivate())));
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), TimestampAuthorityTest.seeded());
    return generator.generateKeyPair();
  }

  @Test
  void generatedLeafHasOnlyCriticalTimestampingEku() throws Exception {
    X509Certificate leaf = KEYS.leaf();
    assertThat(leaf.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_timeStamping.getId());
    assertThat(leaf.getCriticalExtensionOIDs()).contains(Extension.extendedKeyUsage.getId());
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(KEYS.root().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    leaf.verify(KEYS.root().getPublicKey());
    assertThat(KEYS.chain()).hasSize(2);
  }

  @Test
  void refusesLeafWithoutCriticalTimestampingEku() throws Exception {
    KeyPair key = p256();
    String want =
        "the TSA certificate must have id-kp-timeStamping as its only extended key usage, marked"
            + " critical (RFC 3161 2.3)";
    for (X509Certificate leaf :
        List.of(
            leafWith(key, null, true),
            leafWith(key, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping), false),
            leafWith(
                key,
                new ExtendedKeyUsage(
                    new KeyPurposeId[] {
                      KeyPurposeId.id_kp_timeStamping, KeyPurposeId.id_kp_codeSigning
                    }),
                true))) {
      assertThatThrownBy(() -> TsaKeyMaterial.of(key.getPrivate(), List.of(leaf, KEYS.root())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(want);
    }
  }

  @Test
  void refusesKeyThatIsNotTheLeafs() throws Exception {
    assertThatThrownBy(() -> TsaKeyMaterial.of(p256().getPrivate(), KEYS.chain()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the TSA key is not the key of the leaf certificate");
  }

  @Test
  void refusesChainOutOfOrder() {
    assertThatThrownBy(
            () -> TsaKeyMaterial.of(KEYS.privateKey(), List.of(KEYS.leaf(), KEYS.leaf())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not signed by the next certificate of the chain");
  }

  private static TsaProperties properties(Path dataDir, Path key, Path chain, boolean allow) {
    return new TsaProperties(
        key,
        chain,
        allow,
        dataDir,
        TimestampAuthority.SIGSTORE_POLICY,
        List.of(TimestampAuthority.SIGSTORE_POLICY),
        false,
        false,
        1 << 20);
  }

  @Test
  void generatesOnceThenLoadsTheSameKey(@TempDir Path dir) throws Exception {
    Clock clock = Clock.fixed(TimestampAuthorityTest.NOW, ZoneOffset.UTC);
    TsaKeyMaterial first = TsaConfiguration.resolve(properties(dir, null, null, true), "h", clock);
    TsaKeyMaterial again = TsaConfiguration.resolve(properties(dir, null, null, true), "h", clock);

    assertThat(again.chain()).isEqualTo(first.chain());
    assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    assertThat(Files.readString(dir.resolve("keys/tsa-chain.pem"))).isEqualTo(first.chainPem());
    // Configured files are read the same way.
    TsaKeyMaterial configured =
        TsaConfiguration.resolve(
            properties(
                dir.resolve("elsewhere"),
                dir.resolve("keys/tsa-signer.pem"),
                dir.resolve("keys/tsa-chain.pem"),
                false),
            "h",
            clock);
    assertThat(configured.chain()).isEqualTo(first.chain());
  }

  @Test
  void productionWithoutKeyStopsWithWhatToSet(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                TsaConfiguration.resolve(
                    properties(dir, null, null, false), "h", Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no TSA key: set WAXSEAL_TSA_KEY_FILE and WAXSEAL_TSA_CERT_CHAIN_FILE (key generation"
                + " is off in this profile)");
  }

  @Test
  void keyWithoutChainIsAConfigurationError(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                TsaConfiguration.resolve(
                    properties(dir, dir.resolve("k.pem"), null, true), "h", Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("set both WAXSEAL_TSA_KEY_FILE and WAXSEAL_TSA_CERT_CHAIN_FILE");
  }
}
