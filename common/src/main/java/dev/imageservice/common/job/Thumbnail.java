package dev.imageservice.common.job;

/**
 * A stored thumbnail of a job, as recorded in the {@code thumbnails} table: one rendition of a
 * preset. {@code alternate} is false for the preset's own format and true for an extra encoding the
 * upload asked for ({@code formats=webp,avif}).
 */
public record Thumbnail(
    String preset,
    String bucket,
    String key,
    int width,
    int height,
    String contentType,
    long bytes,
    boolean alternate) {

  /** The preset's own rendition. */
  public Thumbnail(
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
