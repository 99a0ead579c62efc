package dev.imageservice.worker.render;

import dev.imageservice.common.job.FailureCode;

/** Refuses, from the header alone, what would cost too much to decode. */
final class GuardLimits implements RenderStep {

  private final RenderProperties limits;

  GuardLimits(RenderProperties limits) {
    this.limits = limits;
  }

  @Override
  public RenderState apply(RenderState state) {
    ImageHeader header = state.requireHeader();
    if (header.bytes() > limits.maxBytes()) {
      throw new ImageRejectedException(
          FailureCode.TOO_LARGE,
          "the file has %d bytes, more than the limit of %d"
              .formatted(header.bytes(), limits.maxBytes()));
    }
    long pixels = (long) header.width() * header.height();
    if (pixels > limits.maxPixels()) {
      throw new ImageRejectedException(
          FailureCode.TOO_MANY_PIXELS,
          "the image is %dx%d (%d pixels), more than the limit of %d"
              .formatted(header.width(), header.height(), pixels, limits.maxPixels()));
    }
    if (header.frames() > limits.maxFrames()) {
      throw new ImageRejectedException(
          FailureCode.TOO_MANY_FRAMES,
          "the image has more than %d frames".formatted(limits.maxFrames()));
    }
    return state;
  }
}
