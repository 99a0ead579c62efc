package dev.imageservice.worker.render;

import java.util.List;

/**
 * What one render produced.
 *
 * @param sourceFormat the source's format as lower-case name ({@code jpeg}, {@code png}, {@code
 *     gif}, {@code webp}, {@code tiff}, {@code bmp})
 * @param sourceWidth the source's width as shown upright (EXIF orientation applied)
 * @param sourceHeight the source's height as shown upright
 * @param thumbnails one per requested preset, in the order requested
 */
public record RenderResult(
    String sourceFormat, int sourceWidth, int sourceHeight, List<RenderedThumbnail> thumbnails) {

  public RenderResult {
    thumbnails = List.copyOf(thumbnails);
  }
}
