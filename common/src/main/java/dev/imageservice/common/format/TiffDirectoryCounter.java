package dev.imageservice.common.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.stream.ImageInputStream;

/**
 * Counts a TIFF's image file directories (IFDs) by following the next-IFD offsets, reading only
 * each directory's entry count and link, never its entries. Stops at the cap, at a link back to a
 * directory already seen (a loop), at an offset outside the file or at its end. Classic TIFF and
 * BigTIFF. Memory: the offsets seen, at most the cap.
 */
final class TiffDirectoryCounter {

  private static final int CLASSIC = 42;
  private static final int BIG = 43;

  private TiffDirectoryCounter() {}

  /** Directories found, at most {@code cap}; 0 when the header is not TIFF's. */
  static int count(ImageInputStream in, int cap) throws IOException {
    in.seek(0);
    int order = in.readUnsignedShort();
    in.setByteOrder(order == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    try {
      int version = in.readUnsignedShort();
      boolean big = version == BIG;
      if (!big && version != CLASSIC) {
        return 0;
      }
      if (big) {
        in.skipBytes(4); // offset size (8) and a reserved zero
      }
      long offset = big ? in.readLong() : in.readUnsignedInt();
      long length = in.length();
      Set<Long> seen = new HashSet<>();
      int directories = 0;
      try {
        while (offset >= 8 && (length < 0 || offset < length) && directories < cap) {
          if (!seen.add(offset)) {
            break; // a loop: readers that detect it stop here too
          }
          directories++;
          in.seek(offset);
          long entries = big ? in.readLong() : in.readUnsignedShort();
          long next = offset + (big ? 8 + entries * 20 : 2 + entries * 12);
          if (entries < 0 || (length >= 0 && next > length)) {
            break;
          }
          in.seek(next);
          offset = big ? in.readLong() : in.readUnsignedInt();
        }
      } catch (EOFException e) {
        // a link past the end: the directories before it are what a reader finds
      }
      return directories;
    } finally {
      in.setByteOrder(ByteOrder.BIG_ENDIAN);
    }
  }
}
