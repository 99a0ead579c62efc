package dev.imageservice.common.preset;

/**
 * The encodings a preset may ask for. {@link #AUTO} (also what an unset format means) picks JPEG
 * for opaque images and lossy WebP with alpha for transparent ones.
 */
public enum PresetFormat {
  /** JPEG when opaque, WebP when transparent (PNG where the worker has no libwebp). */
  AUTO,
  JPEG,
  PNG,
  /** Lossy WebP, alpha kept (libwebp). */
  WEBP,
  /** AVIF, 8-bit 4:2:0, alpha kept (libavif). */
  AVIF
}
