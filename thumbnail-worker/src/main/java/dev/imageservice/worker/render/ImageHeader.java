package dev.imageservice.worker.render;

import dev.imageservice.common.format.ImageStructure;
import dev.imageservice.worker.render.format.CmykEncoding;
import javax.imageio.spi.ImageReaderSpi;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ProbeHeader} learnt without decoding pixels. Width and height are as stored, before
 * EXIF orientation.
 *
 * @param format lower-case format name ({@code jpeg}, {@code png}, ...)
 * @param readerSpi the ImageIO provider that recognised the bytes; {@link Decode} uses the same
 *     one; null for HEIF ({@code heic}, {@code heif}, {@code avif}), which only libheif decodes
 * @param frames frame or page count, counted at most up to the guard's limit plus one
 * @param orientation EXIF orientation 1..8 (1 when absent or unreadable)
 * @param cmyk how a profile-less CMYK JPEG stores its inks; {@link CmykEncoding#NONE} otherwise
 * @param structure what the capped pre-scan found (JPEG scans, the PNG's raw iCCP chunk)
 */
record ImageHeader(
    String format,
    @Nullable ImageReaderSpi readerSpi,
    int width,
    int height,
    int frames,
    long bytes,
    int orientation,
    CmykEncoding cmyk,
    ImageStructure structure) {

  /** True when EXIF orientation swaps width and height (orientations 5 to 8). */
  boolean transposed() {
    return orientation >= 5;
  }

  int orientedWidth() {
    return transposed() ? height : width;
  }

  int orientedHeight() {
    return transposed() ? width : height;
  }

  /** HEIC, HEIF or AVIF: decoded by libheif only. */
  boolean heif() {
    return readerSpi == null;
  }

  long pixels() {
    return (long) width * height;
  }
}
