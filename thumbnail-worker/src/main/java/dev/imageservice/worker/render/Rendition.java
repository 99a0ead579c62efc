package dev.imageservice.worker.render;

import java.awt.image.BufferedImage;
import org.jspecify.annotations.Nullable;

/**
 * One preset on its way through the per-preset steps. {@code image} is never modified after it is
 * put here; a step that changes pixels makes a new image and a new rendition.
 */
record Rendition(Preset preset, OutputFormat format, BufferedImage image, byte @Nullable [] bytes) {

  Rendition withImage(BufferedImage newImage) {
    return new Rendition(preset, format, newImage, bytes);
  }

  Rendition withBytes(byte[] encoded) {
    return new Rendition(preset, format, image, encoded);
  }
}
