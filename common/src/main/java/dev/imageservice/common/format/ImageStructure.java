package dev.imageservice.common.format;

import org.jspecify.annotations.Nullable;

/**
 * What {@link StructureScanner} learnt from an image's container, all within the limits.
 *
 * @param frames GIF or WebP frames, TIFF directories; 0 when the format's frames are not counted
 * @param scans JPEG scans; 0 for other formats
 * @param progressive a JPEG whose frame is progressive (SOF2, SOF6, SOF10, SOF14)
 * @param components colour components of a JPEG frame; 0 for other formats
 * @param iccProfileChunk the raw data of a PNG's {@code iCCP} chunk (name, method, compressed
 *     profile), not inflated; null when there is none or it is implausibly large
 */
public record ImageStructure(
    int frames, int scans, boolean progressive, int components, byte @Nullable [] iccProfileChunk) {

  static final ImageStructure NONE = new ImageStructure(0, 0, false, 0, null);

  /** Nothing counted: a format the scanner does not walk. */
  public static ImageStructure none() {
    return NONE;
  }
}
