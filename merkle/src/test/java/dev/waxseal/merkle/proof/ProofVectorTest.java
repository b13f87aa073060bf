package dev.waxseal.merkle.proof;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Json;
import dev.waxseal.merkle.Rfc6962;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs the transparency-dev/merkle proof probes ({@code testdata/}, copied to {@code
 * resources/vectors/}): each {@code happy-path.json} must verify, each mutation with {@code
 * wantErr: true} must be rejected, and the {@code additional/} and {@code single-entry/} cases must
 * do what their {@code wantErr} says.
 *
 * <p>Some probes carry values that are not 32-byte hashes (an empty proof element, {@code
 * "WrongLeaf"}, a {@code "don't care"} root). The {@link Hash} type cannot hold them, so such a
 * probe is rejected before the verifier runs; the test checks that {@link Hash#of(byte[])} does
 * reject each of them. The one such probe that must verify ({@code
 * sizes-are-equal-one-and-proof-is-empty}: equal sizes, equal placeholder roots) runs with each
 * placeholder replaced by the SHA-256 of its bytes, which keeps equal placeholders equal. The
 * subtree probes ({@code subtreeinclusion/}, {@code subtreeconsistency/}:
 * draft-ietf-plants-merkle-tree-certs §4) are run the same way against {@link
 * SubtreeProofVerifier}; there, an empty subtree's probe may carry a placeholder tree root and
 * still verify, since that root is not checked.
 */
class ProofVectorTest {
  private int verified;
  private int rejectedByVerifier;
  private int rejectedByHashType;

  @Test
  void inclusionAndConsistencyVectorsBehaveAsWantErrSays() throws Exception {
    List<Executable> checks = new ArrayList<>();
    List<Path> inclusion = files("vectors/inclusion");
    List<Path> consistency = files("vectors/consistency");
    for (Path file : inclusion) {
      Map<String, Object> probe = read(file);
      checks.add(() -> checkInclusion(file, probe));
    }
    for (Path file : consistency) {
      Map<String, Object> probe = read(file);
      checks.add(() -> checkConsistency(file, probe));
    }
    assertAll(checks);
    System.out.printf(
        "merkle vectors: %d inclusion + %d consistency = %d ran; %d verified, %d rejected by the"
            + " verifier, %d rejected by the Hash type%n",
        inclusion.size(),
        consistency.size(),
        inclusion.size() + consistency.size(),
        verified,
        rejectedByVerifier,
        rejectedByHashType);
    assertEquals(98, inclusion.size(), "inclusion vector files");
    assertEquals(98, consistency.size(), "consistency vector files");
    assertEquals(
        inclusion.size() + consistency.size(), verified + rejectedByVerifier + rejectedByHashType);
  }

  @Test
  void subtreeInclusionAndConsistencyVectorsBehaveAsWantErrSays() throws Exception {
    List<Executable> checks = new ArrayList<>();
    List<Path> inclusion = files("vectors/subtreeinclusion");
    List<Path> consistency = files("vectors/subtreeconsistency");
    for (Path file : inclusion) {
      Map<String, Object> probe = read(file);
      checks.add(() -> checkSubtreeInclusion(file, probe));
    }
    for (Path file : consistency) {
      Map<String, Object> probe = read(file);
      checks.add(() -> checkSubtreeConsistency(file, probe));
    }
    assertAll(checks);
    System.out.printf(
        "merkle subtree vectors: %d subtreeinclusion + %d subtreeconsistency = %d ran; %d verified,"
            + " %d rejected by the verifier, %d rejected by the Hash type%n",
        inclusion.size(),
        consistency.size(),
        inclusion.size() + consistency.size(),
        verified,
        rejectedByVerifier,
        rejectedByHashType);
    assertEquals(204, inclusion.size(), "subtree inclusion vector files");
    assertEquals(118, consistency.size(), "subtree consistency vector files");
    assertEquals(
        inclusion.size() + consistency.size(), verified + rejectedByVerifier + rejectedByHashType);
    assertEquals(24, verified, "vectors with wantErr false");
  }

  private void checkSubtreeInclusion(Path file, Map<String, Object> probe) {
    long index = (Long) probe.get("leafIdx");
    long start = (Long) probe.get("start");
    long end = (Long) probe.get("end");
    byte[] root = bytes(probe.get("root"));
    byte[] leaf = bytes(probe.get("leafHash"));
    List<byte[]> proof = byteList(probe.get("proof"));
    boolean wantErr = (Boolean) probe.get("wantErr");
    List<byte[]> all = new ArrayList<>(proof);
    all.add(root);
    all.add(leaf);
    boolean representable = checkRepresentable(file, all);
    if (!representable && wantErr) {
      rejectedByHashType++;
      return;
    }
    Outcome outcome =
        run(
            () ->
                SubtreeProofVerifier.verifyInclusion(
                    index, start, end, standIn(leaf), standIns(proof), standIn(root)));
    record(file, wantErr, outcome);
  }

  private void checkSubtreeConsistency(Path file, Map<String, Object> probe) {
    long start = (Long) probe.get("start");
    long end = (Long) probe.get("end");
    long size = (Long) probe.get("size");
    byte[] subtreeRoot = bytes(probe.get("root1"));
    byte[] treeRoot = bytes(probe.get("root2"));
    List<byte[]> proof = byteList(probe.get("proof"));
    boolean wantErr = (Boolean) probe.get("wantErr");
    List<byte[]> all = new ArrayList<>(proof);
    all.add(subtreeRoot);
    all.add(treeRoot);
    boolean representable = checkRepresentable(file, all);
    if (!representable && wantErr) {
      rejectedByHashType++;
      return;
    }
    Outcome outcome =
        run(
            () ->
                SubtreeProofVerifier.verifyConsistency(
                    start, end, size, standIn(subtreeRoot), standIn(treeRoot), standIns(proof)));
    record(file, wantErr, outcome);
  }

  private void checkInclusion(Path file, Map<String, Object> probe) {
    long index = (Long) probe.get("leafIdx");
    long treeSize = (Long) probe.get("treeSize");
    byte[] root = bytes(probe.get("root"));
    byte[] leaf = bytes(probe.get("leafHash"));
    List<byte[]> proof = byteList(probe.get("proof"));
    boolean wantErr = (Boolean) probe.get("wantErr");
    List<byte[]> all = new ArrayList<>(proof);
    all.add(root);
    all.add(leaf);
    boolean representable = checkRepresentable(file, all);
    if (!representable && wantErr) {
      rejectedByHashType++;
      return;
    }
    Outcome outcome =
        run(
            () ->
                ProofVerifier.verifyInclusion(
                    index, treeSize, standIn(leaf), standIns(proof), standIn(root)));
    record(file, wantErr, outcome);
  }

  private void checkConsistency(Path file, Map<String, Object> probe) {
    long size1 = (Long) probe.get("size1");
    long size2 = (Long) probe.get("size2");
    byte[] root1 = bytes(probe.get("root1"));
    byte[] root2 = bytes(probe.get("root2"));
    List<byte[]> proof = byteList(probe.get("proof"));
    boolean wantErr = (Boolean) probe.get("wantErr");
    List<byte[]> all = new ArrayList<>(proof);
    all.add(root1);
    all.add(root2);
    boolean representable = checkRepresentable(file, all);
    if (!representable && wantErr) {
      rejectedByHashType++;
      return;
    }
    Outcome outcome =
        run(
            () ->
                ProofVerifier.verifyConsistency(
                    size1, size2, standIn(root1), standIn(root2), standIns(proof)));
    record(file, wantErr, outcome);
  }

  private void record(Path file, boolean wantErr, Outcome outcome) {
    if (outcome.rejection != null) {
      rejectedByVerifier++;
    } else {
      verified++;
    }
    assertEquals(
        wantErr,
        outcome.rejection != null,
        () -> file + ": wantErr " + wantErr + ", got " + outcome.rejection);
  }

  /** True if every value is a 32-byte hash; asserts that {@link Hash} rejects any that is not. */
  private static boolean checkRepresentable(Path file, List<byte[]> values) {
    boolean representable = true;
    for (byte[] value : values) {
      if (value.length != Hash.SIZE) {
        representable = false;
        assertThrows(IllegalArgumentException.class, () -> Hash.of(value), file.toString());
      }
    }
    return representable;
  }

  private static Hash standIn(byte[] value) {
    return value.length == Hash.SIZE ? Hash.of(value) : Hash.of(Rfc6962.sha256(value));
  }

  private static List<Hash> standIns(List<byte[]> values) {
    return values.stream().map(ProofVectorTest::standIn).toList();
  }

  private interface Verification {
    void run() throws ProofVerificationException;
  }

  private record Outcome(ProofVerificationException rejection) {}

  private static Outcome run(Verification verification) {
    try {
      verification.run();
      return new Outcome(null);
    } catch (ProofVerificationException e) {
      return new Outcome(e);
    }
  }

  private static byte[] bytes(Object base64) {
    return Base64.getDecoder().decode((String) base64);
  }

  private static List<byte[]> byteList(Object value) {
    if (value == Json.NULL) {
      return List.of();
    }
    List<byte[]> out = new ArrayList<>();
    for (Object item : (List<?>) value) {
      out.add(bytes(item));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(Path file) throws IOException {
    return (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  static List<Path> files(String resource) throws IOException, URISyntaxException {
    Path dir =
        Paths.get(
            Objects.requireNonNull(ProofVectorTest.class.getResource("/" + resource)).toURI());
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertTrue(!files.isEmpty(), "no vectors under " + resource);
      return files;
    }
  }
}
