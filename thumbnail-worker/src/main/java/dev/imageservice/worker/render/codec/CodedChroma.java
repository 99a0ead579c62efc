package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;

/**
 * The chroma subsampling a HEIC/AVIF file's pictures are coded in, from the first colour {@code
 * hvcC} (HEVC: {@code chroma_format_idc}, byte 16 of the record) or {@code av1C} (AV1: the {@code
 * monochrome} and {@code chroma_subsampling} bits of byte 2) property, so that libheif can be asked
 * for exactly that layout: libheif 1.15 has no call that says it, and asked for YCbCr without a
 * chroma it upsamples to 4:4:4 (3 bytes a pixel). Monochrome configurations (alpha planes) are
 * skipped. Only the file's first {@link #SCAN} bytes are looked at, where the {@code meta} box is;
 * a wrong guess (a thumbnail coded differently from the primary image, or a false match) only costs
 * a libheif chroma conversion, never a wrong picture.
 */
final class CodedChroma {

  static final long SCAN = 1 << 20;

  private CodedChroma() {}

  /** {@link LibHeif#CHROMA_420}, 422 or 444, or {@link LibHeif#CHROMA_UNDEFINED} when unknown. */
  static int of(MemorySegment file) {
    long end = Math.min(file.byteSize(), SCAN) - 4;
    for (long i = 4; i < end; i++) {
      byte b = file.get(JAVA_BYTE, i);
      if (b != 'h' && b != 'a') {
        continue;
      }
      int chroma = LibHeif.CHROMA_UNDEFINED;
      if (is(file, i, "hvcC") && i + 4 + 16 < file.byteSize()) {
        chroma = hevc(file.get(JAVA_BYTE, i + 4 + 16) & 3);
      } else if (is(file, i, "av1C") && i + 4 + 2 < file.byteSize()) {
        chroma = av1(file.get(JAVA_BYTE, i + 4 + 2));
      }
      if (chroma != LibHeif.CHROMA_UNDEFINED) {
        return chroma;
      }
    }
    return LibHeif.CHROMA_UNDEFINED;
  }

  private static int hevc(int chromaFormatIdc) {
    return switch (chromaFormatIdc) {
      case 1 -> LibHeif.CHROMA_420;
      case 2 -> LibHeif.CHROMA_422;
      case 3 -> LibHeif.CHROMA_444;
      default -> LibHeif.CHROMA_UNDEFINED; // monochrome: an alpha or depth plane
    };
  }

  private static int av1(byte flags) {
    boolean monochrome = (flags & 0x10) != 0;
    boolean subX = (flags & 0x08) != 0;
    boolean subY = (flags & 0x04) != 0;
    if (monochrome) {
      return LibHeif.CHROMA_UNDEFINED;
    }
    return subX ? (subY ? LibHeif.CHROMA_420 : LibHeif.CHROMA_422) : LibHeif.CHROMA_444;
  }

  private static boolean is(MemorySegment file, long at, String fourcc) {
    for (int k = 0; k < 4; k++) {
      if (file.get(JAVA_BYTE, at + k) != fourcc.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
