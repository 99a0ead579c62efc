package dev.imageservice.worker.render;

import java.util.List;

/**
 * A source whose header was read once ({@link RenderPipeline#probe}): what rendering it will cost,
 * and the header that {@link RenderPipeline#render(ProbedSource, List, java.time.Instant,
 * StepObserver)} reuses instead of reading it again. Probing walks the whole file (the JPEG scan
 * count skips through every byte of entropy-coded data), which for a multi-megabyte original costs
 * milliseconds; a worker that reserves memory and sets a deadline before the render would pay it
 * twice. Valid only while the source is unchanged (a worker's own spool file or buffer). Immutable.
 */
public final class ProbedSource {

  private final ImageSource source;
  private final List<Preset> presets;
  private final ImageHeader header;
  private final RenderEstimate estimate;

  ProbedSource(
      ImageSource source, List<Preset> presets, ImageHeader header, RenderEstimate estimate) {
    this.source = source;
    this.presets = List.copyOf(presets);
    this.header = header;
    this.estimate = estimate;
  }

  public ImageSource source() {
    return source;
  }

  public List<Preset> presets() {
    return presets;
  }

  /** The memory and time the render will need, as {@link RenderPipeline#estimate} answers. */
  public RenderEstimate estimate() {
    return estimate;
  }

  ImageHeader header() {
    return header;
  }
}
