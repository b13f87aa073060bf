package dev.waxseal.server.entries.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.InvalidEntryException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class X509PublicKeyCacheTest {
  private static byte[] newKeyPem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return Pem.encode("PUBLIC KEY", generator.generateKeyPair().getPublic().getEncoded());
  }

  @Test
  void returnsTheSameParsedKeyForEqualBytes() throws Exception {
    X509PublicKeyCache cache = new X509PublicKeyCache(4);
    byte[] pem = newKeyPem();
    X509PublicKey first = cache.parse(pem);
    assertThat(cache.parse(pem.clone())).isSameAs(first);
    assertThat(first.canonicalPem()).isEqualTo(pem);
    assertThat(first.isCertificate()).isFalse();
    assertThat(first.subjects()).isEmpty();
  }

  @Test
  void staysWithinItsBound() throws Exception {
    X509PublicKeyCache cache = new X509PublicKeyCache(3);
    for (int i = 0; i < 10; i++) {
      cache.parse(newKeyPem());
    }
    assertThat(cache.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void doesNotCacheFailures() {
    X509PublicKeyCache cache = new X509PublicKeyCache(3);
    assertThatThrownBy(() -> cache.parse(new byte[] {1, 2, 3}))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage("invalid public key: failure decoding PEM");
    assertThat(cache.size()).isZero();
    assertThatThrownBy(() -> new X509PublicKeyCache(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
