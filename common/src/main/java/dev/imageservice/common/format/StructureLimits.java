package dev.imageservice.common.format;

/**
 * How much container structure an image may have before it is refused unread. Each service binds
 * its own values into this record; the defaults live here so that the API refuses exactly what the
 * worker would.
 *
 * @param maxScans most JPEG scans (SOS markers); real encoders write at most about 20, and
 *     libjpeg-turbo's own {@code LIMITSCANS} is 500. Each scan of a progressive JPEG makes the
 *     decoder pass over the whole coefficient buffer, so the scan count multiplies decode time.
 * @param maxAncillaryChunks most PNG ancillary chunks (text, time, profile, ...); real files have a
 *     handful
 * @param maxFrames most frames (GIF) or directories (TIFF)
 */
public record StructureLimits(int maxScans, int maxAncillaryChunks, int maxFrames) {

  public static final int DEFAULT_MAX_SCANS = 100;
  public static final int DEFAULT_MAX_ANCILLARY_CHUNKS = 1000;
  public static final int DEFAULT_MAX_FRAMES = 1000;

  /** Zero or negative values mean "the default". */
  public StructureLimits {
    maxScans = maxScans <= 0 ? DEFAULT_MAX_SCANS : maxScans;
    maxAncillaryChunks =
        maxAncillaryChunks <= 0 ? DEFAULT_MAX_ANCILLARY_CHUNKS : maxAncillaryChunks;
    maxFrames = maxFrames <= 0 ? DEFAULT_MAX_FRAMES : maxFrames;
  }

  public static StructureLimits defaults() {
    return new StructureLimits(0, 0, 0);
  }
}
