package dev.imageservice.common.preset;

/** How a source is fitted into a preset's box. */
public enum PresetFit {
  /** Keep the aspect ratio, fit inside the box, never upscale. */
  CONTAIN,
  /** Fill the box exactly with a centred crop, never upscale. */
  COVER,
  /**
   * A crop around the picture's subject. Refused at start: it comes with the presets issue; it is
   * named here so that a configuration asking for it gets that message, not a binding error.
   */
  SMART
}
