package dev.imageservice.worker.render.codec;

import org.jspecify.annotations.Nullable;

/**
 * The YCbCr to RGB conversion an {@code nclx} colour profile asks for: the matrix coefficients
 * (ITU-T H.273) that libheif 1.15 itself knows by a fixed Kr/Kb pair, and the range. The four
 * factors are those of libheif's conversion ({@code R = Y + rCr Cr}, {@code G = Y + gCb Cb + gCr
 * Cr}, {@code B = Y + bCb Cb}), so thumbnails keep the colours libheif's RGB output had.
 *
 * @param fullRange false for video range (Y 16..235, Cb/Cr 16..240 at 8 bits), expanded to 0..255
 */
record YcbcrMatrix(float rCr, float gCb, float gCr, float bCb, boolean fullRange) {

  /** What libheif uses when a decoded image carries no nclx profile: BT.601, full range. */
  static final YcbcrMatrix DEFAULT = ofKrKb(0.299f, 0.114f, true);

  /**
   * JFIF's YCbCr, which every YCbCr JPEG uses: BT.601, full range (the same as {@link #DEFAULT}).
   */
  static final YcbcrMatrix JFIF = DEFAULT;

  /**
   * The conversion for an nclx {@code matrix_coefficients} value, or null for those libheif derives
   * from the primaries or converts without a matrix (0 identity/GBR, 8 YCgCo, 11, 12, 13, 14 and
   * up): the caller then lets libheif convert.
   */
  static @Nullable YcbcrMatrix of(int matrixCoefficients, boolean fullRange) {
    return switch (matrixCoefficients) {
      case 1 -> ofKrKb(0.2126f, 0.0722f, fullRange); // BT.709
      case 2, 3 -> ofKrKb(0.299f, 0.114f, fullRange); // unspecified, reserved: libheif's default
      case 4 -> ofKrKb(0.30f, 0.11f, fullRange); // FCC
      case 5, 6 -> ofKrKb(0.299f, 0.114f, fullRange); // BT.470 BG, BT.601
      case 7 -> ofKrKb(0.212f, 0.087f, fullRange); // SMPTE 240M
      case 9, 10 -> ofKrKb(0.2627f, 0.0593f, fullRange); // BT.2020 (NCL; CL as libheif does)
      default -> null;
    };
  }

  private static YcbcrMatrix ofKrKb(float kr, float kb, boolean fullRange) {
    float kg = kb + kr - 1;
    return new YcbcrMatrix(
        2 * (1 - kr), 2 * kb * (1 - kb) / kg, 2 * kr * (1 - kr) / kg, 2 * (1 - kb), fullRange);
  }
}
