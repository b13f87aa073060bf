package dev.waxseal.bench.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Posts each pre-built entry once ({@code create}); keeps the 201 responses of every {@code
 * stride}-th entry for {@link InclusionCheck}.
 */
final class WriteWorkload implements Workload {
  private final List<byte[]> requests;
  private final int stride;
  private final AtomicInteger next = new AtomicInteger();
  private final Queue<byte[]> sampled = new ConcurrentLinkedQueue<>();

  /** Posts each body once to {@code path}; keeps about {@code verifySample} 201 responses. */
  WriteWorkload(URI base, String path, List<byte[]> bodies, int verifySample) {
    HttpRequests http = new HttpRequests(base);
    List<byte[]> built = new ArrayList<>(bodies.size());
    for (byte[] body : bodies) {
      built.add(http.postJson(path, body));
    }
    this.requests = List.copyOf(built);
    this.stride = verifySample <= 0 ? 0 : Math.max(1, bodies.size() / verifySample);
  }

  @Override
  public @Nullable Call next() {
    int i = next.getAndIncrement();
    return i < requests.size() ? new Call("create", requests.get(i), i) : null;
  }

  @Override
  public void onResponse(Call call, int status, byte[] body, boolean measured) {
    if (status == 201 && stride > 0 && call.tag() % stride == 0) {
      sampled.add(body);
    }
  }

  /** How many entries were sent (warm-up included). */
  int sent() {
    return Math.min(next.get(), requests.size());
  }

  /** Whether every entry was sent, so a run stopped early for lack of entries. */
  boolean exhausted() {
    return next.get() >= requests.size();
  }

  /** The kept 201 response bodies. */
  List<byte[]> sampled() {
    return List.copyOf(sampled);
  }
}
