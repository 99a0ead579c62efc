package dev.imageservice.common.format;

import java.io.IOException;
import javax.imageio.stream.ImageInputStream;

/**
 * Counts a GIF's frames by walking its block structure without decompressing anything. It stops at
 * a cap, so a file with millions of tiny frames costs no more than the cap (unlike {@code
 * GIFImageReader.getNumImages(true)}, which keeps a position per frame).
 */
final class GifFrameCounter {

  private static final int IMAGE_DESCRIPTOR = 0x2C;
  private static final int EXTENSION = 0x21;

  private GifFrameCounter() {}

  /** Frames found, at most {@code cap}; a truncated file counts the frames it has. */
  static int count(ImageInputStream in, int cap) throws IOException {
    in.seek(6 + 4); // signature+version, logical screen width+height
    int flags = in.read();
    in.skipBytes(2); // background colour index, pixel aspect ratio
    skipColourTable(in, flags);
    int frames = 0;
    while (frames < cap) {
      int block = in.read();
      if (block == IMAGE_DESCRIPTOR) {
        frames++;
        in.skipBytes(8); // left, top, width, height
        skipColourTable(in, in.read());
        in.skipBytes(1); // LZW minimum code size
        skipSubBlocks(in);
      } else if (block == EXTENSION) {
        in.skipBytes(1); // label
        skipSubBlocks(in);
      } else {
        break; // trailer (0x3B), end of file or garbage
      }
    }
    return frames;
  }

  private static void skipColourTable(ImageInputStream in, int flags) throws IOException {
    if (flags > 0 && (flags & 0x80) != 0) {
      in.skipBytes(3 * (1 << ((flags & 0x07) + 1)));
    }
  }

  private static void skipSubBlocks(ImageInputStream in) throws IOException {
    int length;
    while ((length = in.read()) > 0) {
      if (in.skipBytes(length) < length) {
        return;
      }
    }
  }
}
