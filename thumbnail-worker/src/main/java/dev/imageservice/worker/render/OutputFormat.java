package dev.imageservice.worker.render;

import java.util.Locale;
import java.util.Optional;

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

  /** The format of a lower-case name ({@code jpeg}, {@code png}, {@code webp}, {@code avif}). */
  public static Optional<OutputFormat> named(String name) {
    for (OutputFormat format : values()) {
      if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
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
