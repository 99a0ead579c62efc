package dev.imageservice.worker.render;

/** The encodings a thumbnail can have. */
public enum OutputFormat {
  JPEG("image/jpeg", "jpg"),
  PNG("image/png", "png"),
  WEBP("image/webp", "webp"),
  AVIF("image/avif", "avif");

  private final String contentType;
  private final String extension;

  OutputFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  /** The MIME type to store the thumbnail with. */
  public String contentType() {
    return contentType;
  }

  /** Whether the encoding keeps an alpha channel. */
  public boolean hasAlpha() {
    return this != JPEG;
  }

  /** The file extension without a dot. */
  public String extension() {
    return extension;
  }
}
