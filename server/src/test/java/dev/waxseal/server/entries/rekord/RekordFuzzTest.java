package dev.waxseal.server.entries.rekord;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the rekord kind's signature parsers (OpenPGP, SSH, minisign), each with the real key and
 * artifact of Rekor's own test data, so that mutated signatures reach verification. See {@link
 * EntryFuzzing} for what each input must end in, and docs/fuzzing.md for how to run it.
 */
@Timeout(10)
class RekordFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void pgpSignature(byte[] signature) {
    canonicalize("pgp", signature, "pgp-repomd_armored_public.pgp", "pgp-repomd.xml");
  }

  @FuzzTest(maxDuration = "5m")
  void sshSignature(byte[] signature) {
    canonicalize("ssh", signature, "ssh-id_rsa.pub", "ssh-hello_world.txt");
  }

  @FuzzTest(maxDuration = "5m")
  void minisignSignature(byte[] signature) {
    canonicalize("minisign", signature, "minisign-minisign_hashed.pub", "minisign-hello_world.txt");
  }

  private static void canonicalize(String format, byte[] signature, String key, String data) {
    ObjectNode spec = EntryFuzzing.object();
    ObjectNode sig = spec.putObject("signature");
    sig.put("format", format).put("content", EntryFuzzing.b64(signature));
    sig.putObject("publicKey").put("content", EntryFuzzing.b64(pki(key)));
    spec.putObject("data").put("content", EntryFuzzing.b64(pki(data)));
    EntryFuzzing.canonicalOrRefused(signature, RekordKind.KIND, RekordKind.API_VERSION, spec);
  }

  private static byte[] pki(String name) {
    return EntryFuzzing.resource("/entries/rekor-pki/" + name);
  }
}
