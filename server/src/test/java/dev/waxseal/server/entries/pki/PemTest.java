package dev.waxseal.server.entries.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PemTest {
  private static final byte[] DER = new byte[100];

  static {
    for (int i = 0; i < DER.length; i++) {
      DER[i] = (byte) i;
    }
  }

  private static Optional<Pem.Block> decode(String s) {
    return Pem.decodeFirst(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void encodesInGoLayout() {
    String pem = new String(Pem.encode("PUBLIC KEY", DER), StandardCharsets.US_ASCII);
    String[] lines = pem.split("\n", -1);
    assertThat(lines[0]).isEqualTo("-----BEGIN PUBLIC KEY-----");
    // 100 bytes are 136 base64 characters: lines of 64, 64 and 8.
    assertThat(lines[1]).hasSize(64);
    assertThat(lines[2]).hasSize(64);
    assertThat(lines[3]).hasSize(8);
    assertThat(lines[4]).isEqualTo("-----END PUBLIC KEY-----");
    assertThat(lines[5]).isEmpty();
    assertThat(lines).hasSize(6);
  }

  @Test
  void decodesWhatItEncodesAndToleratesWhitespaceAndCrlf() {
    String pem = new String(Pem.encode("CERTIFICATE", DER), StandardCharsets.US_ASCII);
    for (String variant :
        new String[] {pem, "\n \t" + pem.replace("\n", "\r\n") + "\r\n\r\n", pem.strip()}) {
      Pem.Block block = decode(variant).orElseThrow();
      assertThat(block.type()).isEqualTo("CERTIFICATE");
      assertThat(block.der()).isEqualTo(DER);
      assertThat(block.hasRest()).isFalse();
    }
  }

  @Test
  void skipsTextBeforeTheBlockAsGoDoes() {
    String pem =
        "some comment\n" + new String(Pem.encode("PUBLIC KEY", DER), StandardCharsets.US_ASCII);
    assertThat(decode(pem)).isPresent();
  }

  @Test
  void reportsWhatFollowsTheBlock() {
    String one = new String(Pem.encode("CERTIFICATE", DER), StandardCharsets.US_ASCII);
    assertThat(decode(one + one).orElseThrow().hasRest()).isTrue();
  }

  @Test
  void rejectsMalformedBlocks() {
    String pem = new String(Pem.encode("PUBLIC KEY", DER), StandardCharsets.US_ASCII);
    assertThat(decode("")).isEmpty();
    assertThat(decode("hello")).isEmpty();
    assertThat(decode(pem.replace("-----END PUBLIC KEY-----", "-----END CERTIFICATE-----")))
        .isEmpty();
    assertThat(decode(pem.replace("-----END PUBLIC KEY-----\n", ""))).isEmpty();
    assertThat(decode(pem.replace("-----END PUBLIC KEY-----", "-----END PUBLIC KEY----- x")))
        .isEmpty();
    assertThat(decode(pem.replace("AAECAwQF", "AAECAwQ!"))).isEmpty();
    assertThat(
            decode(
                pem.replace(
                    "-----BEGIN PUBLIC KEY-----\n",
                    "-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\n")))
        .isEmpty();
  }

  @Test
  void rejectsUnpaddedBase64() {
    assertThat(decode("-----BEGIN X-----\nAAE\n-----END X-----\n")).isEmpty();
    assertThat(decode("-----BEGIN X-----\nAAE=\n-----END X-----\n")).isPresent();
  }
}
