// Checks witness cosignatures with Waxseal's merkle library alone (run with the merkle jar on the
// class path, as a single-file program: java -cp waxseal-merkle.jar MerkleVerify.java ...).
//
//   quorum <log vkey> <policy file> < cosigned checkpoint
//       verifies the log's signature (JDK Ed25519), then the policy's witness quorum
//       (WitnessPolicy.requireQuorum, tlog-cosignature cosignature/v1); prints the witnesses that
//       verified, or "REJECTED: <reason>" and exits 1
//   policy <policy file>
//       parses a Sigsum policy file with WitnessPolicy.parse; prints "ok" or "error: <reason>"
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteVerificationException;
import dev.waxseal.merkle.note.NoteVerifier;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.note.VerifierKey;
import dev.waxseal.merkle.witness.PolicyFormatException;
import dev.waxseal.merkle.witness.WitnessPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

public class MerkleVerify {
  public static void main(String[] args) throws Exception {
    switch (args.length > 0 ? args[0] : "") {
      case "quorum" -> quorum(args[1], Path.of(args[2]));
      case "policy" -> policy(Path.of(args[1]));
      default -> {
        System.err.println("usage: MerkleVerify quorum <log vkey> <policy> | policy <file>");
        System.exit(2);
      }
    }
  }

  private static void quorum(String logVkey, Path policyFile) throws Exception {
    String note = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    WitnessPolicy policy = WitnessPolicy.parse(Files.readString(policyFile));
    try {
      SignedNote signed = SignedNote.parse(note);
      Checkpoint checkpoint = Checkpoint.open(note, List.of(logVerifier(VerifierKey.parse(logVkey))));
      Set<String> witnesses = policy.requireQuorum(signed);
      System.out.println(
          "size " + checkpoint.size() + " quorum \"" + policy.quorumName() + "\" met by "
              + witnesses.stream().sorted().toList());
    } catch (NoteVerificationException | IllegalArgumentException e) {
      System.out.println("REJECTED: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void policy(Path file) throws Exception {
    try {
      WitnessPolicy.parse(Files.readString(file));
      System.out.println("ok");
    } catch (PolicyFormatException e) {
      System.out.println("error: " + e.getMessage());
    }
  }

  /** The log's Ed25519 key (vkey type 0x01), checked with the JDK. */
  private static NoteVerifier logVerifier(VerifierKey vkey) throws GeneralSecurityException {
    byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(vkey.publicKey()));
    PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    return new NoteVerifier() {
      public String keyName() {
        return vkey.name();
      }

      public int keyId() {
        return vkey.keyId();
      }

      public void verify(byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(message);
        if (!s.verify(signature)) {
          throw new SignatureException("log signature does not verify");
        }
      }
    };
  }
}
