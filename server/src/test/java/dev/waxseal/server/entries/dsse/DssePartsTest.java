package dev.waxseal.server.entries.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.pki.InTotoStatements;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DSSE and in-toto pieces the dsse and intoto kinds share. */
class DssePartsTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void paeIsTheDsseSpecsExample() {
    // secure-systems-lab/dsse protocol.md: PAE("http://example.com/HelloWorld", "hello world").
    assertThat(
            new String(
                DsseEnvelope.pae("http://example.com/HelloWorld", utf8("hello world")),
                StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void readsEnvelopesAsGoDoes() {
    DsseEnvelope envelope =
        DsseEnvelope.parse(
            "{\"PayloadType\":\"t\",\"payload\":\"aGk=\",\"extra\":1,"
                + "\"signatures\":[{\"KEYID\":\"k\",\"sig\":\"AA==\"},null]}");
    assertThat(envelope.payloadType()).isEqualTo("t");
    assertThat(envelope.decodePayload()).isEqualTo(utf8("hi"));
    assertThat(envelope.signatures())
        .containsExactly(
            new DsseEnvelope.Signature("k", "AA=="), new DsseEnvelope.Signature("", ""));
    // URL-safe base64 is accepted for the payload, as go-securesystemslib does.
    assertThat(DsseEnvelope.parse("{\"payload\":\"-_8=\"}").decodePayload())
        .isEqualTo(new byte[] {(byte) 0xfb, (byte) 0xff});
  }

  @Test
  void takesSubjectAndMaterialDigests() {
    assertThat(InTotoStatements.digestKeys(Signers.statement("aa", "bb")))
        .contains(List.of("sha256:aa", "sha1:bb"));
  }

  @Test
  void skipsMaterialsWhenThePredicateIsNotSlsa02() {
    String statement =
        "{\"_type\":\"x\",\"subject\":[{\"name\":\"n\",\"digest\":{\"sha512\":\"cc\"}}],"
            + "\"predicate\":{\"metadata\":{\"buildStartedOn\":\"yesterday\"},"
            + "\"materials\":[{\"digest\":{\"sha1\":\"dd\"}}]}}";
    assertThat(InTotoStatements.digestKeys(utf8(statement))).contains(List.of("sha512:cc"));
  }

  @Test
  void failsOnAPayloadThatIsNoStatement() {
    assertThat(InTotoStatements.digestKeys(utf8("not json"))).isEqualTo(Optional.empty());
    assertThat(InTotoStatements.digestKeys(utf8("{\"subject\":[{\"digest\":{\"sha256\":1}}]}")))
        .isEmpty();
    assertThat(InTotoStatements.digestKeys(utf8("{\"subject\":\"x\"}"))).isEmpty();
  }
}
