package dev.imageservice.worker.render;

import java.util.function.Supplier;

/**
 * Watches a render step by step, for timings and tracing: {@link RenderPipeline} runs every step
 * through {@link #around} and reports the decoded image's size once decoded. Called on the
 * rendering thread only; an implementation serves one render at a time unless it says otherwise.
 */
public interface StepObserver {

  /** Watches nothing. */
  StepObserver NONE =
      new StepObserver() {
        @Override
        public <T> T around(String step, Supplier<T> run) {
          return run.get();
        }
      };

  /**
   * Runs one step. Implementations call {@code run} exactly once, on this thread, and return or
   * rethrow what it does.
   *
   * @param step the step's name ({@code Decode}, {@code Resize}, ...)
   */
  <T> T around(String step, Supplier<T> run);

  /** The decoded image holds this many bytes of pixels (the render's peak, one image at a time). */
  default void decoded(long bytes) {}
}
