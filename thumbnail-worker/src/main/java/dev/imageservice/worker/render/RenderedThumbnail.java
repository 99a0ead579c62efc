package dev.imageservice.worker.render;

/**
 * One encoded thumbnail. {@code width} and {@code height} are the encoded picture's size, upright
 * (EXIF orientation applied). The byte array is owned by the receiver; the renderer keeps no copy.
 *
 * @param alternate false for the preset's own format; true for an extra encoding of the same pixels
 *     that the upload asked for ({@code formats=webp,avif})
 */
public record RenderedThumbnail(
    String preset, int width, int height, OutputFormat format, byte[] bytes, boolean alternate) {

  /** The preset's own encoding. */
  public RenderedThumbnail(
      String preset, int width, int height, OutputFormat format, byte[] bytes) {
    this(preset, width, height, format, bytes, false);
  }
}
