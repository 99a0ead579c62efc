package dev.imageservice.worker.render;

import java.awt.image.BufferedImage;
import org.jspecify.annotations.Nullable;

/**
 * One preset on its way through the per-preset steps. {@code image} is never modified after it is
 * put here; a step that changes pixels makes a new image and a new rendition. {@code alternate}
 * marks an extra encoding of the preset ({@code formats=webp,avif}); the preset's own comes first.
 */
record Rendition(
    Preset preset,
    OutputFormat format,
    BufferedImage image,
    byte @Nullable [] bytes,
    boolean alternate) {

  Rendition(Preset preset, OutputFormat format, BufferedImage image, byte @Nullable [] bytes) {
    this(preset, format, image, bytes, false);
  }

  Rendition withImage(BufferedImage newImage) {
    return new Rendition(preset, format, newImage, bytes, alternate);
  }

  Rendition withBytes(byte[] encoded) {
    return new Rendition(preset, format, image, encoded, alternate);
  }

  /** The same pixels in another encoding, as an extra the upload asked for. */
  Rendition alternateAs(OutputFormat other) {
    return new Rendition(preset, other, image, null, true);
  }
}
