package dev.waxseal.server.warmup;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.tiles.TileAppender;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.signing.PemLogSigner;
import dev.waxseal.server.signing.SignedEntryTimestamps;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the append path's CPU work, in memory, before the server reports ready: a cold JVM
 * interprets it, and a new replica's first minute under load went to the JIT compiling it on the
 * cores the requests needed (docs/operations.md "Fast start").
 *
 * <p>Each iteration does what an append does, minus the database: parse a hashedrekord request
 * (Jackson), verify its ECDSA signature and canonicalize it (the entry kinds), hash the leaf, sign
 * a signed entry timestamp, extend a Merkle tree of tiles, and write a JSON response. The keys are
 * throw-away ones made here, and nothing reaches the log, the database or the metrics.
 */
public final class Warmup {
  private static final Logger log = LoggerFactory.getLogger(Warmup.class);

  private final EntryKinds kinds;
  private final int iterations;
  private final SignedEntryTimestamps sets;
  private final String publicKey;
  private final String logId;
  private final TileAppender tree = TileAppender.open(0, List.of());
  private final List<String> requests = new ArrayList<>();
  private int next;

  /**
   * How many signed requests each warm-up makes up front and then cycles through. Signing is the
   * client's work, not the server's, and the JDK's ECDSA signer takes about a millisecond: signing
   * in every step spent most of the warm-up's CPU outside the path it is there to compile.
   */
  private static final int REQUESTS = 64;

  /**
   * Warms {@code kinds} and the rest of the append path up with {@code iterations} entries (for
   * {@link #run()}; {@link #step()} runs one more at a time). Not thread-safe: one per thread.
   */
  public Warmup(EntryKinds kinds, int iterations) {
    this.kinds = kinds;
    this.iterations = iterations;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair client = generator.generateKeyPair();
      KeyPair logKey = generator.generateKeyPair();
      sets =
          new SignedEntryTimestamps(
              PemLogSigner.of(PrivateKeyFactory.createKey(logKey.getPrivate().getEncoded())));
      publicKey = publicKeyContent(client);
      logId = HexFormat.of().formatHex(sha256(logKey.getPublic().getEncoded()));
      for (int i = 0; i < REQUESTS; i++) {
        byte[] artifact = ("waxseal warm-up " + i).getBytes(StandardCharsets.UTF_8);
        requests.add(
            proposed(
                sign(client, artifact), publicKey, HexFormat.of().formatHex(sha256(artifact))));
      }
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("the warm-up could not make its throw-away keys", e);
    }
  }

  /**
   * Runs the iterations on this thread.
   *
   * @return the root of the throw-away tree, so that nothing can be optimised away
   */
  public Hash run() {
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      step();
    }
    log.atInfo()
        .addKeyValue("iterations", iterations)
        .addKeyValue("millis", (System.nanoTime() - start) / 1_000_000)
        .log("in-memory warm-up done");
    return tree.rootHash();
  }

  /**
   * One more entry through the append path's CPU work.
   *
   * @return the root of the throw-away tree, so that nothing can be optimised away
   */
  public Hash step() {
    int i = next++;
    String request = requests.get(i % REQUESTS);
    CanonicalEntry entry =
        kinds.canonicalize(CanonicalJson.parse(request.getBytes(StandardCharsets.UTF_8)));
    byte[] set = sets.sign(entry.body(), 1_700_000_000L + i, logId, i);
    tree.append(List.of(entry.leafHash()));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("body", Base64.getEncoder().encodeToString(entry.body()));
    response.put("logIndex", i);
    response.put("logID", logId);
    response.put("signedEntryTimestamp", Base64.getEncoder().encodeToString(set));
    response.put("path", new ArrayList<>(List.of(tree.rootHash().toString())));
    CanonicalJson.mapper().writeValueAsBytes(Map.of(entry.leafHash().toString(), response));
    return tree.rootHash();
  }

  /**
   * A hashedrekord request for {@code artifact} whose signature is over other bytes: well-formed,
   * so the server parses it and runs the whole ECDSA verification, which then fails (400). The
   * loopback warm-up posts these: they exercise the write path and can never be appended.
   */
  static String rejectedRequest(int i) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair key = generator.generateKeyPair();
      byte[] artifact = ("waxseal warm-up " + i).getBytes(StandardCharsets.UTF_8);
      byte[] other = ("not the artifact " + i).getBytes(StandardCharsets.UTF_8);
      return proposed(
          sign(key, other), publicKeyContent(key), HexFormat.of().formatHex(sha256(artifact)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the warm-up could not make its throw-away keys", e);
    }
  }

  static String sign(KeyPair key, byte[] data) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key.getPrivate());
    signer.update(data);
    return Base64.getEncoder().encodeToString(signer.sign());
  }

  static String publicKeyContent(KeyPair key) {
    return Base64.getEncoder()
        .encodeToString(pem(key.getPublic().getEncoded()).getBytes(StandardCharsets.UTF_8));
  }

  static String proposed(String signature, String publicKey, String hex) {
    return "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{"
        + "\"signature\":{\"content\":\""
        + signature
        + "\",\"publicKey\":{\"content\":\""
        + publicKey
        + "\"}},\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
        + hex
        + "\"}}}}";
  }

  private static String pem(byte[] spki) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki)
        + "\n-----END PUBLIC KEY-----\n";
  }

  static byte[] sha256(byte[] data) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
