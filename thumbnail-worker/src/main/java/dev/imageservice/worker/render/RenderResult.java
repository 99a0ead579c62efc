package dev.imageservice.worker.render;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one render produced.
 *
 * @param sourceFormat the source's format as lower-case name ({@code jpeg}, {@code png}, {@code
 *     gif}, {@code webp}, {@code tiff}, {@code bmp})
 * @param sourceWidth the source's width as shown upright (EXIF orientation applied)
 * @param sourceHeight the source's height as shown upright
 * @param thumbnails one per requested preset, in the order requested
 * @param thumbhash the ThumbHash placeholder of the smallest rendition, base64; null when none
 */
public record RenderResult(
    String sourceFormat,
    int sourceWidth,
    int sourceHeight,
    List<RenderedThumbnail> thumbnails,
    @Nullable String thumbhash) {

  public RenderResult {
    thumbnails = List.copyOf(thumbnails);
  }

  /** A result without a placeholder. */
  public RenderResult(
      String sourceFormat, int sourceWidth, int sourceHeight, List<RenderedThumbnail> thumbnails) {
    this(sourceFormat, sourceWidth, sourceHeight, thumbnails, null);
  }
}
