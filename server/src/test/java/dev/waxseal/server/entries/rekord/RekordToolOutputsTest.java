package dev.waxseal.server.entries.rekord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.pgp.PgpPackets;
import dev.waxseal.server.entries.pki.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * rekord entries from signatures made by the real tools ({@code ssh-keygen}, GnuPG), taken from
 * Rekor's own test data: they must verify and canonicalize as Rekor does.
 */
class RekordToolOutputsTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in =
        RekordToolOutputsTest.class.getResourceAsStream("/entries/rekor-pki/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static JsonNode signature(CanonicalEntry entry) {
    return CanonicalJson.parse(entry.body()).get("spec").get("signature");
  }

  @Test
  void sshKeygenSignature() throws IOException {
    byte[] data = resource("ssh-hello_world.txt");
    byte[] sig = resource("ssh-hello_world.txt.sig");
    byte[] key = resource("ssh-id_rsa.pub");

    CanonicalEntry entry =
        Rekords.KIND.canonicalize(Rekords.spec("ssh", sig, key, data, ""), Purpose.APPEND);

    String keyLine = new String(key, StandardCharsets.US_ASCII);
    byte[] canonicalKey =
        (keyLine.substring(0, keyLine.lastIndexOf(' ')) + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] blob = Pem.decodeFirst(sig).orElseThrow().der();
    assertThat(Rekords.text(entry))
        .isEqualTo(Rekords.body("ssh", Pem.encode("SSH SIGNATURE", blob), canonicalKey, data));
    assertThat(entry.searchKeys())
        .containsExactly(Signers.sha256Hex(canonicalKey), "sha256:" + Signers.sha256Hex(data));
  }

  @Test
  void gnupgVersion3Signature() throws IOException {
    byte[] data = resource("pgp-repomd.xml");
    byte[] sig = resource("pgp-repomd.xml.asc.sig");
    byte[] key = resource("pgp-repomd_armored_public.pgp");

    CanonicalEntry entry =
        Rekords.KIND.canonicalize(Rekords.spec("pgp", sig, key, data, ""), Purpose.APPEND);

    JsonNode stored = signature(entry);
    assertThat(Base64.getDecoder().decode(stored.get("content").stringValue()))
        .as("an armored signature is kept as sent")
        .isEqualTo(sig);
    byte[] canonicalKey =
        Base64.getDecoder().decode(stored.get("publicKey").get("content").stringValue());
    List<PgpPackets.Packet> kept = PgpPackets.split(dearmor(canonicalKey));
    List<PgpPackets.Packet> sent = PgpPackets.split(dearmor(key));
    assertThat(kept).hasSameSizeAs(sent).hasSize(3);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(kept.get(i).body()).isEqualTo(sent.get(i).body());
    }
    assertThat(entry.searchKeys())
        .containsExactly(
            Signers.sha256Hex(canonicalKey), "build@suse.de", "sha256:" + Signers.sha256Hex(data));
  }

  @Test
  void minisignPrehashedSignature() throws IOException {
    byte[] data = resource("minisign-hello_world.txt");
    byte[] sig = resource("minisign-hello_world_hashed.txt.minisig");
    byte[] key = resource("minisign-minisign_hashed.pub");

    CanonicalEntry entry =
        Rekords.KIND.canonicalize(Rekords.spec("minisign", sig, key, data, ""), Purpose.APPEND);

    String[] sigLines = new String(sig, StandardCharsets.US_ASCII).split("\n");
    String[] keyLines = new String(key, StandardCharsets.US_ASCII).split("\n");
    byte[] canonicalKey = keyLines[1].getBytes(StandardCharsets.US_ASCII);
    byte[] canonicalSignature =
        ("untrusted comment:\n" + sigLines[1]).getBytes(StandardCharsets.US_ASCII);
    assertThat(Rekords.text(entry))
        .isEqualTo(Rekords.body("minisign", canonicalSignature, canonicalKey, data));
  }

  private static byte[] dearmor(byte[] armored) throws IOException {
    try (ArmoredInputStream in = new ArmoredInputStream(new ByteArrayInputStream(armored))) {
      return in.readAllBytes();
    }
  }
}
