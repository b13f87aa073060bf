package dev.waxseal.server.api;

import dev.waxseal.server.entries.CanonicalJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * Writers, readers and a probe poller running against one or more server replicas while a test
 * breaks the database, recording every answer: what clients saw, how long they waited, and which
 * entries were acknowledged. Writers behave as a careful client: an entry answered 503 or 507 is
 * sent again (to the next replica, if there are several) until it is answered 201 or 409; an entry
 * answered 409 was stored by an earlier attempt whose answer was lost.
 */
final class FaultLoad implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Longer than any bounded wait: a request that takes this long is a hang. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** One HTTP exchange: what was asked, what came back, when. */
  record Answer(
      String kind,
      int status,
      boolean retryAfter,
      long startNanos,
      long endNanos,
      String body,
      boolean warm) {
    long millis() {
      return (endNanos - startNanos) / 1_000_000;
    }
  }

  /** An entry the log acknowledged: its id (tree id + leaf hash) and its index. */
  record Ack(String uuid, long index, boolean byConflict) {}

  private final IntFunction<URI> replicas;
  private final int replicaCount;
  private final String tag;
  private final List<Thread> threads = new ArrayList<>();
  private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final Map<String, Ack> acks = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Answer> conflicts = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private volatile boolean running = true;
  private volatile boolean warm;

  /**
   * Starts {@code writers} writer and {@code readers} reader threads against replica {@code i} at
   * {@code replicas.apply(i)} (0 ≤ i < {@code replicaCount}), and a poller of {@code probesUri}'s
   * readiness and liveness probes every 100 ms.
   */
  FaultLoad(IntFunction<URI> replicas, int replicaCount, URI probesUri, int writers, int readers) {
    this.replicas = replicas;
    this.replicaCount = replicaCount;
    this.tag = Long.toHexString(System.nanoTime());
    for (int i = 0; i < writers; i++) {
      int first = i % replicaCount;
      start("fault-writer-" + i, () -> writeForever(first));
    }
    for (int i = 0; i < readers; i++) {
      int replica = i % replicaCount;
      start("fault-reader-" + i, () -> readForever(replica));
    }
    start("fault-probes", () -> pollProbes(probesUri));
  }

  private void start(String name, Runnable loop) {
    Thread t = new Thread(loop, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void writeForever(int firstReplica) {
    int replica = firstReplica;
    while (running) {
      Signers.Signed signed =
          Signers.signed(
              Signers.Key.P256,
              Signers.utf8("fault " + tag + " " + sequence.incrementAndGet()),
              false,
              "");
      while (running) {
        Answer a = send("write", post(replicas.apply(replica), signed.request()));
        if (a.status() == 201 || a.status() == 409) {
          JsonNode json = CanonicalJson.parse(a.body().getBytes(StandardCharsets.UTF_8));
          if (a.status() == 201) {
            String uuid = json.propertyNames().iterator().next();
            acks.put(uuid, new Ack(uuid, json.get(uuid).get("logIndex").longValue(), false));
          } else {
            conflicts.add(a);
          }
          break;
        }
        // Refused, unreachable or failed: the entry is sent again, to the next replica.
        replica = (replica + 1) % replicaCount;
        pause(100);
      }
    }
  }

  private void readForever(int replica) {
    while (running) {
      URI base = replicas.apply(replica);
      send("read", HttpRequest.newBuilder(base.resolve("/api/v1/log")));
      List<Ack> known = new ArrayList<>(acks.values());
      if (!known.isEmpty()) {
        Ack ack = known.get(ThreadLocalRandom.current().nextInt(known.size()));
        send("read", HttpRequest.newBuilder(base.resolve("/api/v1/log/entries/" + ack.uuid())));
      }
      pause(20);
    }
  }

  private void pollProbes(URI probes) {
    while (running) {
      send("readiness", HttpRequest.newBuilder(probes.resolve("/actuator/health/readiness")));
      send("liveness", HttpRequest.newBuilder(probes.resolve("/actuator/health/liveness")));
      pause(100);
    }
  }

  private static HttpRequest.Builder post(URI base, String json) {
    return HttpRequest.newBuilder(base.resolve("/api/v1/log/entries"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private Answer send(String kind, HttpRequest.Builder request) {
    long start = System.nanoTime();
    boolean warmAtStart = warm;
    Answer answer;
    try {
      HttpResponse<String> r =
          HTTP.send(
              request.timeout(REQUEST_TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      answer =
          new Answer(
              kind,
              r.statusCode(),
              r.headers().firstValue("Retry-After").isPresent(),
              start,
              System.nanoTime(),
              r.body(),
              warmAtStart);
    } catch (IOException e) {
      // Status 0: no HTTP answer (connection refused or reset, or the request timed out).
      answer = new Answer(kind, 0, false, start, System.nanoTime(), String.valueOf(e), warmAtStart);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = new Answer(kind, 0, false, start, System.nanoTime(), "interrupted", warmAtStart);
    }
    answers.add(answer);
    return answer;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Marks the requests sent from now on as sent to a warmed-up server ({@link Answer#warm()}). */
  void markWarm() {
    warm = true;
  }

  /** Every answer so far. */
  List<Answer> answers() {
    return List.copyOf(answers);
  }

  /** Entries acknowledged 201 so far. */
  List<Ack> acks() {
    return List.copyOf(acks.values());
  }

  /** 409 answers so far (an entry stored by an attempt whose answer was lost). */
  List<Answer> conflicts() {
    return List.copyOf(conflicts);
  }

  /** Waits until at least {@code count} more entries have been acknowledged. */
  void awaitAcks(int count, Duration timeout) {
    int target = acks.size() + count;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acks.size() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only " + acks.size() + " of " + target + " acknowledgements within " + timeout);
      }
      pause(20);
    }
  }

  /** Stops every thread and waits for them (each finishes its request in hand). */
  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(REQUEST_TIMEOUT.toMillis() + 5000);
    }
  }
}
