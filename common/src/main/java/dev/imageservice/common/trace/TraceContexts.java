package dev.imageservice.common.trace;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The W3C trace context as the outbox and the queues carry it: a {@code traceparent} string ({@code
 * 00-<trace id>-<span id>-<flags>}) stored with an outbox row and sent as a message attribute, so
 * that one job is one trace from the upload request to its completion event. Implementations are
 * thread-safe; {@link #NONE} is the one used where tracing is not configured (every method then
 * runs the work and returns nulls).
 */
public interface TraceContexts {

  /** The name of the message attribute (SNS, SQS) and outbox column that carry the context. */
  String TRACEPARENT = "traceparent";

  /** No tracing: no context, no spans. */
  TraceContexts NONE =
      new TraceContexts() {
        @Override
        public @Nullable String currentTraceparent() {
          return null;
        }

        @Override
        public OpenSpan start(String name, @Nullable String parentTraceparent) {
          return OpenSpan.NONE;
        }

        @Override
        public <T> T inSpan(String name, @Nullable String parentTraceparent, Supplier<T> work) {
          return work.get();
        }
      };

  /** The {@code traceparent} of the span current on this thread, or null when there is none. */
  @Nullable String currentTraceparent();

  /** The trace id (32 hex digits) of a {@code traceparent}, or null when it is not one. */
  static @Nullable String traceIdOf(@Nullable String traceparent) {
    if (traceparent == null) {
      return null;
    }
    String[] parts = traceparent.split("-");
    return parts.length == 4 && parts[1].length() == 32 ? parts[1] : null;
  }

  /**
   * Starts a span that is not made current (for work done on behalf of several traces at once, such
   * as one SNS batch); the caller closes it.
   *
   * @param parentTraceparent the remote parent; null starts a new trace
   */
  OpenSpan start(String name, @Nullable String parentTraceparent);

  /**
   * Runs {@code work} in a new span, current on this thread while it runs, as a child of the
   * current span, or of {@code parentTraceparent} when given; a thrown exception is recorded on the
   * span.
   */
  <T> T inSpan(String name, @Nullable String parentTraceparent, Supplier<T> work);

  /** A started span. Not thread-safe: one owner closes it once. */
  interface OpenSpan extends AutoCloseable {

    /** Nothing traced. */
    OpenSpan NONE =
        new OpenSpan() {
          @Override
          public @Nullable String traceparent() {
            return null;
          }

          @Override
          public void error(Throwable error) {}

          @Override
          public void close() {}
        };

    /** This span's context, to hand to the next hop; null when untraced. */
    @Nullable String traceparent();

    void error(Throwable error);

    /**
     * Sets an attribute (tag) on this span, such as an HTTP status; nothing when untraced. A
     * default so that the untraced span and test doubles need not implement it.
     */
    default void tag(String key, String value) {}

    /** Ends the span. */
    @Override
    void close();
  }
}
