package dev.imageservice.common.job;

/** The stable codes a {@code FAILED} job carries. Clients may switch on them; never rename one. */
public final class FailureCode {

  /** The bytes are not an image format the renderer reads. */
  public static final String UNSUPPORTED_FORMAT = "unsupported_format";

  /** The header was recognised but the image could not be decoded (truncated, damaged). */
  public static final String CORRUPT_IMAGE = "corrupt_image";

  /** Width x height is over the configured pixel limit; refused before decoding. */
  public static final String TOO_MANY_PIXELS = "too_many_pixels";

  /** An animation with more frames than the configured limit. */
  public static final String TOO_MANY_FRAMES = "too_many_frames";

  /** A JPEG with more scans than the configured limit; refused before decoding. */
  public static final String TOO_MANY_SCANS = "too_many_scans";

  /** A PNG with more ancillary chunks (text, ...) than the configured limit; refused unread. */
  public static final String TOO_MANY_CHUNKS = "too_many_chunks";

  /** The render ran past its deadline (a base allowance plus one per megapixel). */
  public static final String RENDER_TIMEOUT = "render_timeout";

  /** The original is larger than the configured byte limit. */
  public static final String TOO_LARGE = "too_large";

  /**
   * The job names a preset this worker's {@code image-service.presets} does not define (the API and
   * the worker were configured differently, or a preset was removed while jobs were queued).
   * Permanent: another delivery to the same worker would not find it either.
   */
  public static final String UNKNOWN_PRESET = "unknown_preset";

  /** The original disappeared from the images bucket. */
  public static final String ORIGINAL_MISSING = "original_missing";

  /** Transient failures repeated until the message's receive count ran out. */
  public static final String RETRIES_EXHAUSTED = "retries_exhausted";

  /**
   * The job's worker vanished (lease long expired, message gone) more often than the sweeper's
   * bound ({@code image-service.sweeper.max-reannouncements}) allows.
   */
  public static final String ABANDONED = "abandoned";

  private FailureCode() {}
}
