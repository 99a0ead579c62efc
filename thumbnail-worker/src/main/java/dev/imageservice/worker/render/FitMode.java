package dev.imageservice.worker.render;

/** How a source is fitted into a preset's box. */
public enum FitMode {
  /** Keep the aspect ratio, fit inside the box, never upscale. */
  FIT,
  /**
   * Fill the box exactly with a centred crop. A source smaller than the box is not upscaled: the
   * largest centred crop with the box's aspect ratio is taken at the source's own scale.
   */
  COVER,
  /** As {@link #COVER}, with the crop window where the picture is most salient. */
  SMART
}
