package dev.waxseal.server.log;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * Traces of the append path (docs/operations.md "Traces"), off unless tracing is enabled.
 *
 * <p>Requests and batches are many-to-one: a batch integrates the entries of up to {@code
 * batch-max-size} requests in one transaction, and each request waits for its batch. So a batch
 * gets one span, {@code waxseal.batch}, a child of the first sampled request in it (that request's
 * trace shows the batch and its stages nested in it), with a span link to every other sampled
 * request; and every request span records the batch's trace and span ids ({@code
 * waxseal.batch.trace_id}, {@code waxseal.batch.span_id}), which holds even where a tracing backend
 * drops links. Each stage of the transaction ({@link BatchStage}, {@code COMMIT} among them) is a
 * child span of the batch. A batch none of whose requests was sampled is not traced.
 */
final class AppendTracing {
  /** Traces nothing. */
  static final AppendTracing OFF = new AppendTracing(null);

  /**
   * Links per batch span: OpenTelemetry's default limit per span, beyond which the SDK drops them;
   * the request spans still name their batch.
   */
  static final int MAX_LINKS = 128;

  private final @Nullable Tracer tracer;
  private final @Nullable StageSpans stages;

  private AppendTracing(@Nullable Tracer tracer) {
    this.tracer = tracer;
    this.stages = tracer == null ? null : new StageSpans(tracer);
  }

  /** The switch of all tracing (WAXSEAL_TRACING_ENABLED), Spring Boot's own. */
  static final String ENABLED = "management.tracing.export.enabled";

  /**
   * One appender's tracing: with the context's tracer when {@link #ENABLED} is true, else off (a
   * tracer exists even then, and would cost a span per request for nothing).
   */
  static AppendTracing of(Environment environment, ObjectProvider<Tracer> tracer) {
    return environment.getProperty(ENABLED, Boolean.class, false)
        ? of(tracer.getIfAvailable())
        : OFF;
  }

  /**
   * Traces one appender's batches with {@code tracer} (null: off). One instance per appender: its
   * stage spans belong to that appender's integrator thread.
   */
  static AppendTracing of(@Nullable Tracer tracer) {
    return tracer == null ? OFF : new AppendTracing(tracer);
  }

  /** The span of the request queueing an entry, read on its thread; null when not traced. */
  @Nullable Span caller() {
    return tracer == null ? null : tracer.currentSpan();
  }

  /**
   * Starts the span of {@code batch} on the integrator thread and puts it in scope there, so that
   * the stage spans ({@link #stages()}) and the thread's log lines belong to it. Close the result
   * when the batch is done.
   */
  BatchSpan startBatch(List<Appender.Waiter> batch) {
    Tracer t = tracer;
    if (t == null) {
      return BatchSpan.NONE;
    }
    @Nullable Span parent = null;
    for (Appender.Waiter waiter : batch) {
      Span caller = waiter.caller();
      if (caller != null && Boolean.TRUE.equals(caller.context().sampled())) {
        parent = caller;
        break;
      }
    }
    if (parent == null) {
      return BatchSpan.NONE;
    }
    Span.Builder builder =
        t.spanBuilder()
            .setParent(parent.context())
            .name("waxseal.batch")
            .tag("waxseal.batch.size", batch.size());
    int links = 0;
    for (Appender.Waiter waiter : batch) {
      Span caller = waiter.caller();
      if (caller != null && caller != parent && links < MAX_LINKS) {
        builder.addLink(new Link(caller.context()));
        links++;
      }
    }
    Span span = builder.start();
    String traceId = span.context().traceId();
    String spanId = span.context().spanId();
    for (Appender.Waiter waiter : batch) {
      Span caller = waiter.caller();
      if (caller != null) {
        caller.tag("waxseal.batch.trace_id", traceId);
        caller.tag("waxseal.batch.span_id", spanId);
      }
    }
    Tracer.SpanInScope scope = t.withSpan(span);
    return new BatchSpan(span, scope, stages);
  }

  /**
   * The batch transaction's stages as child spans of the batch span in scope, if there is one: the
   * listener to give this appender's {@link BatchIntegration}.
   */
  BatchStage.Listener stages() {
    return stages == null ? BatchStage.Listener.NONE : stages;
  }

  /** A batch's span while it is in scope on the integrator thread. */
  static final class BatchSpan implements AutoCloseable {
    static final BatchSpan NONE = new BatchSpan(null, null, null);

    private final @Nullable Span span;
    private final Tracer.@Nullable SpanInScope scope;
    private final @Nullable StageSpans stages;

    private BatchSpan(
        @Nullable Span span, Tracer.@Nullable SpanInScope scope, @Nullable StageSpans stages) {
      this.span = span;
      this.scope = scope;
      this.stages = stages;
    }

    /** Records what the batch published. */
    void published(@Nullable PublishedCheckpoint checkpoint) {
      if (span != null && checkpoint != null) {
        span.tag("waxseal.tree_id", checkpoint.treeId());
        span.tag("waxseal.tree_size", checkpoint.size());
      }
    }

    /** Marks the batch failed. */
    void failed(Throwable e) {
      if (span != null) {
        span.error(e);
      }
    }

    @Override
    public void close() {
      if (stages != null) {
        stages.endOpen(); // a stage that threw never saw its after()
      }
      if (scope != null) {
        scope.close();
      }
      if (span != null) {
        span.end();
      }
    }
  }

  /**
   * One span per stage, a child of the span in scope. Used by one integrator thread only, and the
   * stages never overlap, so one field holds the open stage.
   */
  private static final class StageSpans implements BatchStage.Listener {
    private final Tracer tracer;
    private @Nullable Span open;

    StageSpans(Tracer tracer) {
      this.tracer = tracer;
    }

    @Override
    public void before(BatchStage stage) {
      endOpen();
      if (tracer.currentSpan() != null) {
        open = tracer.nextSpan().name("waxseal.batch." + stage.name().toLowerCase(Locale.ROOT));
        open.start();
      }
    }

    @Override
    public void after(BatchStage stage) {
      endOpen();
    }

    void endOpen() {
      Span span = open;
      if (span != null) {
        span.end();
        open = null;
      }
    }
  }
}
