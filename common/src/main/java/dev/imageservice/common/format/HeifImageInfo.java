package dev.imageservice.common.format;

/**
 * The primary image of a HEIF file as its boxes declare it, before any decode.
 *
 * @param width stored width from {@code ispe}, before {@code irot}
 * @param height stored height from {@code ispe}, before {@code irot}
 * @param rotation {@code irot}: quarter turns anticlockwise, 0..3
 * @param mirrored whether an {@code imir} property is present
 */
public record HeifImageInfo(long width, long height, int rotation, boolean mirrored) {

  /** Width as displayed, after {@code irot}. */
  public long displayWidth() {
    return (rotation & 1) == 1 ? height : width;
  }

  /** Height as displayed, after {@code irot}. */
  public long displayHeight() {
    return (rotation & 1) == 1 ? width : height;
  }
}
