package dev.imageservice.common.format;

import java.io.EOFException;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Walks a PNG's chunks by their lengths, reading none of their data except the iCCP chunk's (which
 * it returns raw, still compressed: inflating is the caller's, through a bounded inflater). Text
 * chunks ({@code tEXt}, {@code zTXt}, {@code iTXt}) are skipped, never inflated. Counts ancillary
 * chunks up to a cap; stops at IEND, at the cap or at the end of the file.
 */
final class PngChunkWalker {

  private static final int IEND = 0x49454E44;
  private static final int ICCP = 0x69434350;
  private static final long SIGNATURE_BYTES = 8;
  // Real profiles compress to a few hundred kB at most; a larger chunk is not read (ignored).
  private static final int MAX_ICCP_CHUNK_BYTES = 4 * 1024 * 1024;

  /** Ancillary chunks counted (at most the cap) and the first iCCP chunk's raw data. */
  record Result(int ancillaryChunks, byte @Nullable [] iccProfileChunk) {}

  private PngChunkWalker() {}

  static Result walk(ImageInputStream in, int cap) throws IOException {
    in.seek(SIGNATURE_BYTES);
    int ancillary = 0;
    byte[] iccp = null;
    try {
      while (ancillary < cap) {
        long length = in.readUnsignedInt();
        int type = in.readInt();
        if (type == IEND || length > Integer.MAX_VALUE) {
          break;
        }
        // Bit 5 of the first type byte (a lower-case letter) marks an ancillary chunk.
        if ((type & 0x20000000) != 0) {
          ancillary++;
        }
        if (type == ICCP && iccp == null && length <= MAX_ICCP_CHUNK_BYTES) {
          iccp = new byte[(int) length];
          in.readFully(iccp);
          in.skipBytes(4); // CRC
        } else {
          in.seek(in.getStreamPosition() + length + 4); // data and CRC
        }
      }
    } catch (EOFException e) {
      // a truncated file: what was counted still counts (the decoder reports the truncation)
    }
    return new Result(ancillary, iccp);
  }
}
