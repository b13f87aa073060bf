package dev.waxseal.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Workload} over a fixed number of keep-alive connections, each sending one request
 * and waiting for its response before sending the next (a closed loop: the offered load adapts to
 * the server, so latencies under overload are understated by queueing in the driver, not the server
 * — coordinated omission). Stops at the deadline, after {@code maxRequests} measured requests, or
 * when the workload runs out, whichever comes first.
 *
 * <p>All connections are driven by {@code loops} threads, each with its own selector (one thread by
 * default): on a two-core machine shared with the server, a thread per connection would spend the
 * server's CPU on context switches.
 */
final class ClosedLoop {
  private static final long RECONNECT_DELAY_NANOS = 100_000_000L;

  private final InetSocketAddress address;
  private final Workload workload;
  private final int concurrency;
  private final int loops;
  private final long maxRequests;
  private final long timeoutNanos;
  private final Results results = new Results();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong others = new AtomicLong();
  private volatile long measureStart;
  private volatile long deadline;

  ClosedLoop(
      InetSocketAddress address,
      Workload workload,
      int concurrency,
      int loops,
      long maxRequests,
      Duration timeout) {
    this.address = address;
    this.workload = workload;
    this.concurrency = concurrency;
    this.loops = Math.max(1, Math.min(loops, concurrency));
    this.maxRequests = maxRequests;
    this.timeoutNanos = timeout.toNanos();
  }

  /** What one run measured. */
  record Summary(
      Results results, double seconds, double cpuSeconds, int processors, long reconnects) {
    /** The driver's CPU use as a share of the whole machine. */
    double cpuShare() {
      return cpuSeconds / (seconds * processors);
    }

    void print(PrintStream out) {
      results.print(out, seconds);
      out.printf(
          "total    %9d req  %9.1f req/s over %.1f s%n",
          results.total(), results.total() / seconds, seconds);
      out.printf(
          "driver   CPU %.1f s = %.2f cores = %.0f%% of %d cores; %.1f µs per request;"
              + " %d reconnects%n",
          cpuSeconds,
          cpuSeconds / seconds,
          100 * cpuShare(),
          processors,
          results.total() == 0 ? 0.0 : cpuSeconds * 1e6 / results.total(),
          reconnects);
    }
  }

  /** Runs the warm-up (not measured), then the measured phase. */
  Summary run(Duration warmup, Duration duration) throws InterruptedException {
    return run(warmup, duration, Duration.ZERO, System.out);
  }

  /**
   * As {@link #run(Duration, Duration)}; with a positive {@code interval}, also prints the 2xx
   * responses per second of each interval of the measured phase as it goes (a cold server's curve
   * of time to full speed).
   */
  Summary run(Duration warmup, Duration duration, Duration interval, PrintStream out)
      throws InterruptedException {
    long now = System.nanoTime();
    measureStart = now + warmup.toNanos();
    deadline = measureStart + duration.toNanos();
    List<Thread> threads = new ArrayList<>(loops);
    for (int i = 0; i < loops; i++) {
      int connections = concurrency / loops + (i < concurrency % loops ? 1 : 0);
      Thread thread = new Thread(() -> runLoop(connections), "load-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    long waitUntilMeasured = measureStart - System.nanoTime();
    if (waitUntilMeasured > 0) {
      Thread.sleep(waitUntilMeasured / 1_000_000, (int) (waitUntilMeasured % 1_000_000));
    }
    long cpuStart = processCpuNanos();
    long wallStart = System.nanoTime();
    if (!interval.isZero() && !interval.isNegative()) {
      printIntervals(threads, wallStart, interval.toNanos(), out);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long wall = System.nanoTime() - Math.max(wallStart, measureStart);
    double cpu = (processCpuNanos() - cpuStart) / 1e9;
    return new Summary(
        results, wall / 1e9, cpu, Runtime.getRuntime().availableProcessors(), reconnects.get());
  }

  /** Prints each interval's 2xx responses per second until the driver threads end. */
  private void printIntervals(List<Thread> threads, long start, long intervalNanos, PrintStream out)
      throws InterruptedException {
    long okBefore = succeeded.get();
    long othersBefore = others.get();
    for (int i = 1; ; i++) {
      long end = start + i * intervalNanos;
      for (Thread thread : threads) {
        long left = end - System.nanoTime();
        if (left > 0) {
          thread.join(Math.max(1, left / 1_000_000));
        }
      }
      long now = System.nanoTime();
      boolean done = threads.stream().noneMatch(Thread::isAlive);
      long ok = succeeded.get();
      long other = others.get();
      double seconds = (Math.min(now, end) - (end - intervalNanos)) / 1e9;
      if (seconds > 0.5) {
        out.printf(
            "interval %5.0f s  %8.1f 2xx/s  %d others%n",
            (end - start) / 1e9, (ok - okBefore) / seconds, other - othersBefore);
      }
      okBefore = ok;
      othersBefore = other;
      if (done) {
        return;
      }
    }
  }

  private void runLoop(int connectionCount) {
    try (Selector selector = Selector.open()) {
      List<Connection> connections = new ArrayList<>(connectionCount);
      for (int i = 0; i < connectionCount; i++) {
        Connection connection = new Connection(selector);
        connections.add(connection);
        connection.sendNext();
      }
      long nextScan = System.nanoTime();
      while (connections.stream().anyMatch(c -> !c.finished)) {
        selector.select(50);
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
          SelectionKey key = ready.next();
          ready.remove();
          Connection connection = (Connection) key.attachment();
          if (connection != null && key.isValid()) {
            connection.ready(key);
          }
        }
        long now = System.nanoTime();
        if (now >= nextScan) {
          for (Connection connection : connections) {
            connection.checkTimers(now);
          }
          nextScan = now + 50_000_000L;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("the driver's selector failed", e);
    }
  }

  /** One keep-alive connection with at most one request in flight. */
  private final class Connection {
    private final Selector selector;
    private final HttpResponseReader reader = new HttpResponseReader();
    private @Nullable SocketChannel channel;
    private @Nullable SelectionKey key;
    private Workload.@Nullable Call call;
    private @Nullable ByteBuffer out;
    private long sentAt;
    private boolean measured;
    private long reconnectAt = -1;
    boolean finished;

    Connection(Selector selector) {
      this.selector = selector;
    }

    /** Sends the workload's next request, or finishes this connection when there is none. */
    void sendNext() {
      long now = System.nanoTime();
      if (now >= deadline) {
        finish();
        return;
      }
      measured = now >= measureStart;
      if (measured && started.incrementAndGet() > maxRequests) {
        finish();
        return;
      }
      Workload.Call next = workload.next();
      if (next == null) {
        finish();
        return;
      }
      call = next;
      try {
        SelectionKey selectionKey = connected();
        reader.reset();
        out = ByteBuffer.wrap(next.request());
        sentAt = System.nanoTime();
        writeSome(selectionKey);
      } catch (IOException e) {
        failed(e.getClass().getSimpleName());
      }
    }

    void ready(SelectionKey selectionKey) {
      try {
        if (selectionKey.isWritable()) {
          writeSome(selectionKey);
        } else if (selectionKey.isReadable()) {
          readSome();
        }
      } catch (IOException | RuntimeException e) {
        failed(e.getClass().getSimpleName());
      }
    }

    void checkTimers(long now) {
      if (call != null && now - sentAt > timeoutNanos) {
        failed("timeout");
      } else if (call == null && reconnectAt >= 0 && now >= reconnectAt && !finished) {
        reconnectAt = -1;
        sendNext();
      }
    }

    private SelectionKey connected() throws IOException {
      SelectionKey selectionKey = key;
      if (selectionKey != null) {
        return selectionKey;
      }
      SocketChannel opened = SocketChannel.open(address);
      opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
      opened.configureBlocking(false);
      channel = opened;
      selectionKey = opened.register(selector, 0, this);
      key = selectionKey;
      return selectionKey;
    }

    private void writeSome(SelectionKey selectionKey) throws IOException {
      ByteBuffer buffer = out;
      SocketChannel socket = channel;
      if (buffer == null || socket == null) {
        return;
      }
      socket.write(buffer);
      selectionKey.interestOps(
          buffer.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void readSome() throws IOException {
      SocketChannel socket = channel;
      Workload.Call current = call;
      if (socket == null || current == null) {
        return;
      }
      int read = socket.read(reader.space());
      boolean complete;
      if (read < 0) {
        complete = reader.endOfStream();
        if (!complete) {
          failed("EOF");
          return;
        }
      } else {
        complete = reader.filled(read);
      }
      if (!complete) {
        return;
      }
      if (measured) {
        results.record(
            current.operation(), Integer.toString(reader.status()), System.nanoTime() - sentAt);
        (reader.status() / 100 == 2 ? succeeded : others).incrementAndGet();
      }
      workload.onResponse(current, reader.status(), reader.body(), measured);
      call = null;
      if (reader.closeAfter()) {
        close();
        reconnects.incrementAndGet();
      }
      sendNext();
    }

    /** Records the failure of the request in flight and reconnects after a short pause. */
    private void failed(String why) {
      Workload.Call current = call;
      if (current != null && measured) {
        results.record(current.operation(), why, System.nanoTime() - sentAt);
        others.incrementAndGet();
      }
      call = null;
      close();
      reconnects.incrementAndGet();
      reconnectAt = System.nanoTime() + RECONNECT_DELAY_NANOS;
    }

    private void finish() {
      finished = true;
      call = null;
      close();
    }

    private void close() {
      SelectionKey selectionKey = key;
      if (selectionKey != null) {
        selectionKey.cancel();
      }
      SocketChannel socket = channel;
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a failed connection: nothing left to do with it.
        }
      }
      key = null;
      channel = null;
    }
  }

  /** This process's CPU time (all threads), or 0 where the JVM does not report it. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
