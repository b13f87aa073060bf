package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteVerifier;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.signing.RekorV2Keys;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The Rekor v2 log over HTTP: {@code POST /api/v2/log/entries} answered with a protojson
 * TransparencyLogEntry whose inclusion proof and C2SP checkpoint verify independently (merkle's
 * proof verifier, the JDK's Ed25519), duplicates and malformed requests as rekor-tiles answers
 * them, and the log's tile API by Host header and by path prefix.
 */
class RekorV2ApiIT extends ApiIntegrationTest {
  static final String V2_HOST = "log2026-1.localhost";
  private static final Base64.Decoder B64 = Base64.getDecoder();
  private static final KeyPair SIGNER = ecdsaKey();

  @Autowired RekorV2Keys v2Keys;

  @Test
  void createAnswersATransparencyLogEntryWithAVerifiableProof() throws Exception {
    byte[] artifact = ("v2 artifact " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    ApiClient.Response created = client.post("/api/v2/log/entries", hashedRekord(artifact));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Content-Type")).startsWith("application/json");
    JsonNode tle = created.json();
    assertThat(tle.propertyNames())
        .containsExactly(
            "logIndex",
            "logId",
            "kindVersion",
            "integratedTime",
            "inclusionPromise",
            "inclusionProof",
            "canonicalizedBody");
    assertThat(tle.get("logIndex").isString()).isTrue();
    assertThat(tle.get("integratedTime").stringValue()).isEqualTo("0");
    assertThat(tle.get("inclusionPromise").isNull()).isTrue();
    assertThat(tle.get("kindVersion").get("kind").stringValue()).isEqualTo("hashedrekord");
    assertThat(tle.get("kindVersion").get("version").stringValue()).isEqualTo("0.0.2");
    assertThat(B64.decode(tle.get("logId").get("keyId").stringValue()))
        .isEqualTo(expectedKeyId(v2Keys.publicKeyDer()));

    byte[] body = B64.decode(tle.get("canonicalizedBody").stringValue());
    String expectedBody =
        "{\"apiVersion\":\"0.0.2\",\"kind\":\"hashedrekord\",\"spec\":{\"hashedRekordV002\":"
            + "{\"data\":{\"algorithm\":\"SHA2_256\",\"digest\":\""
            + b64(sha256(artifact))
            + "\"},\"signature\":{\"content\":\""
            + b64(signatureOver(artifact))
            + "\",\"verifier\":{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"publicKey\":"
            + "{\"rawBytes\":\""
            + b64(SIGNER.getPublic().getEncoded())
            + "\"}}}}}}";
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(expectedBody);

    Checkpoint checkpoint = verifyProof(tle, body);
    assertThat(checkpoint.origin()).isEqualTo(V2_HOST);
  }

  @Test
  void aDuplicateIsRefusedWithTheIndexOfTheEntryAlreadyThere() {
    byte[] artifact = ("duplicate " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    ApiClient.Response first = client.post("/api/v2/log/entries", hashedRekord(artifact));
    assertThat(first.status()).isEqualTo(201);
    String index = first.json().get("logIndex").stringValue();

    ApiClient.Response again = client.post("/api/v2/log/entries", hashedRekord(artifact));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("x-log-index")).isEqualTo(index);
    assertThat(again.body())
        .isEqualTo(
            "{\"code\":6,\"message\":\"an equivalent entry already exists in the transparency"
                + " log with index "
                + index
                + "\",\"details\":[]}");
  }

  @Test
  void malformedRequestsAreRefusedAsRekorTilesRefusesThem() {
    ApiClient.Response notJson = client.post("/api/v2/log/entries", "not json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().get("code").intValue()).isEqualTo(3);

    ApiClient.Response empty = client.post("/api/v2/log/entries", "{}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body())
        .isEqualTo(
            "{\"code\":3,\"message\":\"invalid type, must be either hashedrekord or dsse\","
                + "\"details\":[]}");

    byte[] artifact = "bad signature".getBytes(StandardCharsets.UTF_8);
    String wrongDigest =
        hashedRekord(artifact).replace(b64(sha256(artifact)), b64(sha256(new byte[] {1})));
    ApiClient.Response badSignature = client.post("/api/v2/log/entries", wrongDigest);
    assertThat(badSignature.status()).isEqualTo(400);
    assertThat(badSignature.body())
        .isEqualTo("{\"code\":3,\"message\":\"invalid hashedrekord request\",\"details\":[]}");
  }

  @Test
  void theLogsTilesAreServedOnItsHostAndUnderItsPrefix() throws Exception {
    byte[] artifact = ("tiles " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    JsonNode tle = client.post("/api/v2/log/entries", hashedRekord(artifact)).json();
    long index = Long.parseLong(tle.get("logIndex").stringValue());
    byte[] body = B64.decode(tle.get("canonicalizedBody").stringValue());

    String byHost = new String(getWithHost(V2_HOST, "/checkpoint"), StandardCharsets.UTF_8);
    Checkpoint checkpoint = Checkpoint.open(byHost, List.of(ed25519Verifier()));
    assertThat(checkpoint.origin()).isEqualTo(V2_HOST);
    assertThat(checkpoint.size()).isGreaterThan(index);
    ApiClient.Response byPrefix = client.get("/rekor-v2/checkpoint");
    assertThat(byPrefix.status()).isEqualTo(200);
    assertThat(Checkpoint.open(byPrefix.body(), List.of(ed25519Verifier())).origin())
        .isEqualTo(V2_HOST);
    // The v1 log keeps the root of every other host.
    assertThat(client.get("/checkpoint").body()).startsWith(HOSTNAME + "\n");

    // Entry bundle and level-0 hash tile of the first 256 leaves, as the checkpoint's size is
    // small.
    long size = checkpoint.size();
    assertThat(size).isLessThan(256);
    String width = "000.p/" + size;
    byte[] bundle = getWithHost(V2_HOST, "/tile/entries/" + width);
    List<byte[]> entries = bundleEntries(bundle);
    assertThat(entries).hasSize((int) size);
    assertThat(entries.get((int) index)).isEqualTo(body);
    byte[] hashes = getWithHost(V2_HOST, "/tile/0/" + width);
    assertThat(hashes).hasSize((int) size * 32);
    List<Hash> leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Hash leaf = Hash.of(Arrays.copyOfRange(hashes, i * 32, i * 32 + 32));
      assertThat(leaf).isEqualTo(Rfc6962.leafHash(entries.get(i)));
      leaves.add(leaf);
    }
    assertThat(root(leaves)).isEqualTo(checkpoint.rootHash());
  }

  private Checkpoint verifyProof(JsonNode tle, byte[] body) throws Exception {
    JsonNode proof = tle.get("inclusionProof");
    long index = Long.parseLong(proof.get("logIndex").stringValue());
    assertThat(proof.get("logIndex").stringValue()).isEqualTo(tle.get("logIndex").stringValue());
    long treeSize = Long.parseLong(proof.get("treeSize").stringValue());
    List<Hash> hashes = new ArrayList<>();
    proof.get("hashes").values().forEach(h -> hashes.add(Hash.of(B64.decode(h.stringValue()))));
    Hash root = Hash.of(B64.decode(proof.get("rootHash").stringValue()));
    ProofVerifier.verifyInclusion(
        new InclusionProof(index, treeSize, hashes), Rfc6962.leafHash(body), root);
    Checkpoint checkpoint =
        Checkpoint.open(
            proof.get("checkpoint").get("envelope").stringValue(), List.of(ed25519Verifier()));
    assertThat(checkpoint.size()).isEqualTo(treeSize);
    assertThat(checkpoint.rootHash()).isEqualTo(root);
    return checkpoint;
  }

  /** RFC 6962 root of a complete list of leaf hashes. */
  private static Hash root(List<Hash> leaves) {
    if (leaves.size() == 1) {
      return leaves.get(0);
    }
    int split = Integer.highestOneBit(leaves.size() - 1);
    return Rfc6962.nodeHash(
        root(leaves.subList(0, split)), root(leaves.subList(split, leaves.size())));
  }

  /** The entries of a C2SP entry bundle: each a big-endian uint16 length and its bytes. */
  private static List<byte[]> bundleEntries(byte[] bundle) {
    List<byte[]> entries = new ArrayList<>();
    int at = 0;
    while (at < bundle.length) {
      int length = ((bundle[at] & 0xff) << 8) | (bundle[at + 1] & 0xff);
      entries.add(Arrays.copyOfRange(bundle, at + 2, at + 2 + length));
      at += 2 + length;
    }
    return entries;
  }

  /** An independent Ed25519 note verifier (the JDK's) for the v2 log's key under its host name. */
  private NoteVerifier ed25519Verifier() throws GeneralSecurityException {
    PublicKey key =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(new X509EncodedKeySpec(v2Keys.publicKeyDer()));
    byte[] raw = rawEd25519(v2Keys.publicKeyDer());
    int keyId = NoteKeys.ed25519KeyId(V2_HOST, raw);
    return new NoteVerifier() {
      @Override
      public String keyName() {
        return V2_HOST;
      }

      @Override
      public int keyId() {
        return keyId;
      }

      @Override
      public void verify(byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(key);
        ed.update(message);
        if (!ed.verify(signature)) {
          throw new java.security.SignatureException("Ed25519 signature does not verify");
        }
      }
    };
  }

  /** SHA-256(name ‖ 0x0A ‖ 0x01 ‖ raw Ed25519 key), computed here from the C2SP definition. */
  private static byte[] expectedKeyId(byte[] spki) {
    MessageDigest sha = sha256Digest();
    sha.update(V2_HOST.getBytes(StandardCharsets.UTF_8));
    sha.update(new byte[] {'\n', 0x01});
    sha.update(rawEd25519(spki));
    return sha.digest();
  }

  private static byte[] rawEd25519(byte[] spki) {
    // RFC 8410: the 32-byte key is the last 32 bytes of the 44-byte SubjectPublicKeyInfo.
    assertThat(spki).hasSize(44);
    return Arrays.copyOfRange(spki, 12, 44);
  }

  /** GET with a Host header of our choosing, over a plain socket (java.net.http forbids it). */
  private byte[] getWithHost(String host, String path) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + ":"
                  + port
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] response = in.readAllBytes();
      int headerEnd = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String head = new String(response, 0, headerEnd, StandardCharsets.US_ASCII);
      assertThat(head).startsWith("HTTP/1.1 200");
      assertThat(head.toLowerCase(java.util.Locale.ROOT)).doesNotContain("chunked");
      return Arrays.copyOfRange(response, headerEnd + 4, response.length);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("no end of headers");
  }

  static String hashedRekord(byte[] artifact) {
    return "{\"hashedRekordRequestV002\":{\"digest\":\""
        + b64(sha256(artifact))
        + "\",\"signature\":{\"content\":\""
        + b64(signatureOver(artifact))
        + "\",\"verifier\":{\"publicKey\":{\"rawBytes\":\""
        + b64(SIGNER.getPublic().getEncoded())
        + "\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}}}}";
  }

  /** A deterministic-enough ECDSA signature: the same artifact always gets the same bytes here. */
  private static byte[] signatureOver(byte[] artifact) {
    return SIGNATURES.computeIfAbsent(
        new String(artifact, StandardCharsets.ISO_8859_1),
        k -> {
          try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(SIGNER.getPrivate());
            s.update(artifact);
            return s.sign();
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static final java.util.Map<String, byte[]> SIGNATURES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static KeyPair ecdsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    return sha256Digest().digest(data);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
