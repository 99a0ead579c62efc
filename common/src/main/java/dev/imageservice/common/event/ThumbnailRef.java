package dev.imageservice.common.event;

/**
 * Where one rendered thumbnail is stored and what it is. {@code alternate} (absent in events
 * written before output formats, read as false) marks an extra encoding next to the preset's own.
 */
public record ThumbnailRef(
    String preset,
    String bucket,
    String key,
    int width,
    int height,
    String contentType,
    long bytes,
    Boolean alternate) {

  public ThumbnailRef {
    // Boxed so that an older event without the field reads (EventJson refuses null primitives).
    alternate = Boolean.TRUE.equals(alternate);
  }

  /** The preset's own rendition. */
  public ThumbnailRef(
      String preset,
      String bucket,
      String key,
      int width,
      int height,
      String contentType,
      long bytes) {
    this(preset, bucket, key, width, height, contentType, bytes, false);
  }
}
