package dev.imageservice.worker.render.format;

/**
 * The ink encoding of a four-channel JPEG without an ICC profile (Adobe APP14 transform). JPEGs
 * with a profile are converted by the TwelveMonkeys reader itself and are {@link #NONE} here.
 */
public enum CmykEncoding {
  NONE,
  /** Adobe transform 0: inverted CMYK samples. */
  CMYK,
  /** Adobe transform 2: YCbCr-encoded inverted CMY plus inverted K. */
  YCCK
}
