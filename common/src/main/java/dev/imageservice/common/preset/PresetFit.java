package dev.imageservice.common.preset;

/** How a source is fitted into a preset's box. */
public enum PresetFit {
  /** Keep the aspect ratio, fit inside the box, never upscale. */
  CONTAIN,
  /** Fill the box exactly with a centred crop, never upscale. */
  COVER,
  /**
   * Like {@link #COVER}, but the crop window is the one with the highest saliency (detail,
   * saturation, skin tones), not the centred one.
   */
  SMART
}
