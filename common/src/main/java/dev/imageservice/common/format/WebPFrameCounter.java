package dev.imageservice.common.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import javax.imageio.stream.ImageInputStream;

/**
 * Counts an animated WebP's frames (ANMF chunks) by walking the RIFF chunks by their lengths,
 * reading no frame data. Stops at the cap or at the end of the file; a still WebP counts one.
 */
final class WebPFrameCounter {

  private static final int ANMF = 0x464D4E41; // "ANMF" read little-endian
  private static final long RIFF_HEADER_BYTES = 12; // "RIFF", size, "WEBP"

  private WebPFrameCounter() {}

  static int count(ImageInputStream in, int cap) throws IOException {
    in.seek(RIFF_HEADER_BYTES);
    in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
    try {
      int frames = 0;
      long length = in.length();
      try {
        while (frames < cap && (length < 0 || in.getStreamPosition() + 8 <= length)) {
          int fourcc = in.readInt();
          long size = in.readUnsignedInt();
          if (fourcc == ANMF) {
            frames++;
          }
          in.seek(in.getStreamPosition() + size + (size & 1)); // chunks are padded to even sizes
        }
      } catch (EOFException e) {
        // the end of a stream of unknown length, or a truncated file: count what is there
      }
      return Math.max(1, frames);
    } finally {
      in.setByteOrder(ByteOrder.BIG_ENDIAN);
    }
  }
}
