package dev.waxseal.server.witnessclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.note.NoteSigner;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.proof.ProofVerificationException;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.merkle.witness.Cosignature;
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
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A C2SP tlog-witness over the JDK's HTTP server, independent of the server's witness code: keeps
 * the size and root it last cosigned per log origin (the server's v1 and Rekor v2 logs are two logs
 * to it), checks the consistency proof with merkle, cosigns with merkle's {@link Cosigner} (JDK
 * Ed25519). It trusts any log signature (these tests are about the client). A {@link Fault} makes
 * it misbehave as the fault table needs.
 */
final class TestWitness implements AutoCloseable {
  /** How the witness answers. */
  enum Fault {
    NONE,
    /** Sleeps {@link #SLOW_MILLIS} before answering (past the client's timeout). */
    SLOW,
    /** Cosigns, with one bit of the signature flipped. */
    BAD_SIGNATURE,
    /** Answers 409 with a size no log published. */
    CLAIMS_LARGER_SIZE
  }

  static final int SLOW_MILLIS = 1500;

  final String name;
  private final KeyPair keys = ed25519();
  private final Cosigner cosigner;
  private final int port;
  private HttpServer server;
  private volatile Fault fault = Fault.NONE;
  private final Map<String, LogState> logs = new HashMap<>();
  final AtomicInteger requests = new AtomicInteger();

  TestWitness(String name) {
    this.name = name;
    this.cosigner = new Cosigner(signer(), Clock.systemUTC());
    this.server = bind(0);
    this.port = server.getAddress().getPort();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  String keyHex() {
    return HexFormat.of().formatHex(raw());
  }

  void fault(Fault fault) {
    this.fault = fault;
  }

  /** Stops listening: connections are refused until {@link #start}. */
  synchronized void stop() {
    server.stop(0);
  }

  /** Listens again on the same port. */
  synchronized void start() {
    server = bind(port);
  }

  /** A checkpoint the witness cosigned. */
  private record Cosigned(long size, Hash root) {}

  /** What the witness knows of one log. */
  private static final class LogState {
    long size;
    Hash root = Rfc6962.emptyRoot();
    final List<Cosigned> history = new ArrayList<>();
  }

  /**
   * Goes back to the first checkpoint it cosigned past size 0, as a witness restored from an old
   * backup: it is then at a smaller size than the log believes.
   */
  synchronized long rollBack(String origin) {
    LogState log = log(origin);
    for (Cosigned earlier : log.history) {
      if (earlier.size() > 0) {
        log.size = earlier.size();
        log.root = earlier.root();
        return log.size;
      }
    }
    throw new IllegalStateException("the witness has cosigned nothing of " + origin + " past 0");
  }

  /** The size of {@code origin}'s log it last cosigned. */
  synchronized long size(String origin) {
    return log(origin).size;
  }

  private LogState log(String origin) {
    return logs.computeIfAbsent(origin, o -> new LogState());
  }

  /** This witness's cosignature line on {@code checkpoint}, as a 200 would carry it. */
  String cosignatureLine(Checkpoint checkpoint) throws GeneralSecurityException {
    return cosigner.cosign(checkpoint).toNoteSignature().line();
  }

  private HttpServer bind(int port) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
      s.createContext("/add-checkpoint", this::handle);
      s.setExecutor(Executors.newFixedThreadPool(2));
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Fault now = fault;
      if (now == Fault.SLOW) {
        Thread.sleep(SLOW_MILLIS);
      }
      if (now == Fault.CLAIMS_LARGER_SIZE) {
        reply(exchange, 409, "1000000\n");
        return;
      }
      int blank = body.indexOf("\n\n");
      String[] head = body.substring(0, blank).split("\n");
      long old = Long.parseLong(head[0].substring("old ".length()));
      List<Hash> proof = new ArrayList<>();
      for (int i = 1; i < head.length; i++) {
        proof.add(Hash.fromBase64(head[i]));
      }
      SignedNote note = SignedNote.parse(body.substring(blank + 2));
      Checkpoint checkpoint = Checkpoint.parse(note.text());
      Cosignature cosignature;
      synchronized (this) {
        LogState log = log(checkpoint.origin());
        if (old != log.size) {
          reply(exchange, 409, log.size + "\n");
          return;
        }
        try {
          ProofVerifier.verifyConsistency(
              old, checkpoint.size(), log.root, checkpoint.rootHash(), proof);
        } catch (ProofVerificationException e) {
          reply(exchange, 422, e.getMessage() + "\n");
          return;
        }
        log.size = checkpoint.size();
        log.root = checkpoint.rootHash();
        log.history.add(new Cosigned(log.size, log.root));
        cosignature = cosigner.cosign(checkpoint);
      }
      NoteSignature line = cosignature.toNoteSignature();
      if (now == Fault.BAD_SIGNATURE) {
        byte[] sig = line.signature();
        sig[20] ^= 1;
        line = NoteSignature.of(line.keyName(), line.keyId(), sig);
      }
      reply(exchange, 200, line.line());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
