package dev.imageservice.common.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /**
   * Every code with what it means to a client, in Markdown, in a stable order: the job failure
   * table of docs/api.md is generated from it, and a code without a meaning fails that test.
   */
  public static Map<String, String> meanings() {
    return meaningsInOrder();
  }

  private static Map<String, String> meaningsInOrder() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(UNSUPPORTED_FORMAT, "the bytes are not an image format the renderer reads");
    m.put(CORRUPT_IMAGE, "recognised but undecodable: truncated or damaged");
    m.put(TOO_MANY_PIXELS, "width x height over `image-service.limits.max-pixels` (50 MP)");
    m.put(
        TOO_MANY_FRAMES,
        "over `image-service.render.max-frames` (1000) frames or TIFF directories");
    m.put(TOO_MANY_SCANS, "a JPEG of over `image-service.render.max-scans` (100) scans");
    m.put(
        TOO_MANY_CHUNKS, "a PNG of over `image-service.render.max-chunks` (1000) ancillary chunks");
    m.put(TOO_LARGE, "the original is over `image-service.limits.max-bytes` (50 MB)");
    m.put(
        RENDER_TIMEOUT,
        "the render ran past its time limit (10 s plus 1 s per megapixel by default)");
    m.put(UNKNOWN_PRESET, "the job names a preset the worker's `image-service.presets` lacks");
    m.put(ORIGINAL_MISSING, "the original vanished from the images bucket before it was rendered");
    m.put(
        RETRIES_EXHAUSTED,
        "transient failures repeated until the message reached the dead-letter queue; retryable");
    m.put(ABANDONED, "the job's worker vanished more often than the sweeper's bound allows");
    return Collections.unmodifiableMap(m);
  }
}
