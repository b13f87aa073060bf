package dev.waxseal.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSigner;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.proof.ProofVerificationException;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.merkle.witness.Cosigner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A C2SP tlog-witness over the JDK's HTTP server, for the monitor's tests: it checks the
 * consistency proof from the size it last cosigned (merkle's {@link ProofVerifier}) and cosigns
 * with merkle's {@link Cosigner}. While {@link #refuse refusing} it answers 503, as a witness that
 * is down: the log's checkpoints then lack its cosignature.
 */
final class Witness implements AutoCloseable {
  final String name;
  private final KeyPair keys;
  private final Cosigner cosigner;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private volatile boolean refusing;

  /** The size and root last cosigned, per log origin (the server's v1 and Rekor v2 logs). */
  private final Map<String, Cosigned> logs = new HashMap<>();

  private record Cosigned(long size, Hash root) {}

  Witness(String name) {
    this.name = name;
    try {
      this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.cosigner = new Cosigner(signer(), Clock.systemUTC());
    server.createContext("/add-checkpoint", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The policy file line naming this witness, its raw Ed25519 key in hex and its URL. */
  String policyLine() {
    return "witness "
        + name
        + " "
        + HexFormat.of().formatHex(raw())
        + " http://127.0.0.1:"
        + server.getAddress().getPort()
        + "\n";
  }

  /** Answer 503 to every request from now on ({@code true}), or cosign again ({@code false}). */
  void refuse(boolean refuse) {
    this.refusing = refuse;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (refusing) {
        reply(exchange, 503, "down for the test\n");
        return;
      }
      int blank = body.indexOf("\n\n");
      String[] head = body.substring(0, blank).split("\n");
      long old = Long.parseLong(head[0].substring("old ".length()));
      List<Hash> proof = new ArrayList<>();
      for (int i = 1; i < head.length; i++) {
        proof.add(Hash.fromBase64(head[i]));
      }
      Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(body.substring(blank + 2)).text());
      String line;
      synchronized (this) {
        Cosigned last =
            logs.getOrDefault(checkpoint.origin(), new Cosigned(0, Rfc6962.emptyRoot()));
        if (old != last.size()) {
          reply(exchange, 409, last.size() + "\n");
          return;
        }
        try {
          ProofVerifier.verifyConsistency(
              old, checkpoint.size(), last.root(), checkpoint.rootHash(), proof);
        } catch (ProofVerificationException e) {
          reply(exchange, 422, e.getMessage() + "\n");
          return;
        }
        logs.put(checkpoint.origin(), new Cosigned(checkpoint.size(), checkpoint.rootHash()));
        line = cosigner.cosign(checkpoint).toNoteSignature().line();
      }
      reply(exchange, 200, line);
    } catch (RuntimeException | GeneralSecurityException e) {
      reply(exchange, 400, e + "\n");
    }
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private byte[] raw() {
    byte[] spki = keys.getPublic().getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  private NoteSigner signer() {
    byte[] key = raw();
    return new NoteSigner() {
      @Override
      public String keyName() {
        return name;
      }

      @Override
      public int keyId() {
        return NoteKeys.keyId(name, NoteKeys.ED25519_COSIGNATURE, key);
      }

      @Override
      public byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keys.getPrivate());
        s.update(message);
        return s.sign();
      }
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
