package dev.imageservice.common.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link TraceContexts} over Micrometer Tracing: whatever bridge the application runs
 * (OpenTelemetry in both services) and its W3C propagator. Thread-safe.
 */
public final class MicrometerTraceContexts implements TraceContexts {

  private final Tracer tracer;
  private final Propagator propagator;

  public MicrometerTraceContexts(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public @Nullable String currentTraceparent() {
    Span span = tracer.currentSpan();
    return span == null ? null : traceparentOf(span);
  }

  @Override
  public OpenSpan start(String name, @Nullable String parentTraceparent) {
    Span span = builder(parentTraceparent).name(name).start();
    return new MicrometerSpan(span, traceparentOf(span));
  }

  @Override
  public <T> T inSpan(String name, @Nullable String parentTraceparent, Supplier<T> work) {
    Span span =
        parentTraceparent == null
            ? tracer.nextSpan().name(name).start()
            : builder(parentTraceparent).name(name).start();
    try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
      return work.get();
    } catch (RuntimeException | Error e) {
      span.error(e);
      throw e;
    } finally {
      span.end();
    }
  }

  private Span.Builder builder(@Nullable String parentTraceparent) {
    if (parentTraceparent == null) {
      return tracer.spanBuilder().setNoParent();
    }
    Map<String, String> carrier = Map.of(TRACEPARENT, parentTraceparent);
    return propagator.extract(carrier, (c, key) -> c.get(key));
  }

  private @Nullable String traceparentOf(Span span) {
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(span.context(), carrier, (c, key, value) -> c.put(key, value));
    return carrier.get(TRACEPARENT);
  }

  private record MicrometerSpan(Span span, @Nullable String traceparent) implements OpenSpan {

    @Override
    public void error(Throwable error) {
      span.error(error);
    }

    @Override
    public void tag(String key, String value) {
      span.tag(key, value);
    }

    @Override
    public void close() {
      span.end();
    }
  }
}
