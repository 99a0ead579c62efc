package dev.imageservice.worker.cost;

import dev.imageservice.common.trace.TraceContexts;
import dev.imageservice.worker.cost.JobStopwatch.Part;
import dev.imageservice.worker.render.StepObserver;
import java.util.function.Supplier;

/**
 * Runs each render step in a span of the job's trace ({@code render <Step>}) and adds its time to
 * the job's {@link JobStopwatch}: {@code Decode}, {@code Resize} and {@code Encode} to their own
 * parts, the other steps to {@code other}. One per render, on the rendering thread.
 */
public final class StepCosts implements StepObserver {

  private final JobStopwatch stopwatch;
  private final TraceContexts traces;

  public StepCosts(JobStopwatch stopwatch, TraceContexts traces) {
    this.stopwatch = stopwatch;
    this.traces = traces;
  }

  @Override
  public <T> T around(String step, Supplier<T> run) {
    Supplier<T> traced = () -> traces.inSpan("render " + step, null, run);
    return switch (step) {
      case "Decode" -> stopwatch.time(Part.DECODE, traced);
      case "Resize" -> stopwatch.time(Part.RESIZE, traced);
      case "Encode" -> stopwatch.time(Part.ENCODE, traced);
      default -> traced.get();
    };
  }

  @Override
  public void decoded(long bytes) {
    stopwatch.decoded(bytes);
  }
}
