package dev.imageservice.worker.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes an 8-bit grey, grey + alpha, RGB or RGBA PNG whose rows cycle through all five PNG row
 * filters (None, Sub, Up, Average, Paeth), for {@link RenderWarmUp}. ImageIO's own writer picks
 * filters by heuristic and, on synthetic pictures, hardly ever Paeth, which is what photo-like PNGs
 * use most: a decoder warmed up without it is deoptimised and recompiled on the first real PNG.
 */
final class EveryFilterPng {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private EveryFilterPng() {}

  /** PNG colour types by channel count: grey, grey + alpha, RGB, RGBA. */
  private static final int[] COLOUR_TYPE = {0, 0, 4, 2, 6};

  /**
   * @param channels 1 (grey: the green channel), 2 (grey + alpha), 3 (RGB) or 4 (RGBA)
   */
  static Path write(Path file, BufferedImage image, int channels) throws IOException {
    int width = image.getWidth();
    int height = image.getHeight();
    boolean alpha = channels % 2 == 0;
    int colours = alpha ? channels - 1 : channels;
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflate =
        new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED))) {
      byte[] previous = new byte[width * channels];
      byte[] current = new byte[width * channels];
      byte[] filtered = new byte[width * channels];
      int[] row = new int[width];
      for (int y = 0; y < height; y++) {
        image.getRGB(0, y, width, 1, row, 0, width);
        for (int x = 0; x < width; x++) {
          int argb = row[x];
          int at = x * channels;
          if (colours == 1) {
            current[at] = (byte) (argb >> 8);
          } else {
            current[at] = (byte) (argb >> 16);
            current[at + 1] = (byte) (argb >> 8);
            current[at + 2] = (byte) argb;
          }
          if (alpha) {
            current[at + colours] = (byte) (argb >>> 24);
          }
        }
        int filter = y % 5;
        for (int i = 0; i < current.length; i++) {
          int left = i >= channels ? current[i - channels] & 0xff : 0;
          int up = previous[i] & 0xff;
          int upLeft = i >= channels ? previous[i - channels] & 0xff : 0;
          int predicted =
              switch (filter) {
                case 1 -> left;
                case 2 -> up;
                case 3 -> (left + up) >>> 1;
                case 4 -> paeth(left, up, upLeft);
                default -> 0;
              };
          filtered[i] = (byte) (current[i] - predicted);
        }
        deflate.write(filter);
        deflate.write(filtered);
        byte[] swap = previous;
        previous = current;
        current = swap;
      }
    }
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    DataOutputStream ihdr = new DataOutputStream(header);
    ihdr.writeInt(width);
    ihdr.writeInt(height);
    ihdr.writeByte(8); // bits per sample
    ihdr.writeByte(COLOUR_TYPE[channels]);
    ihdr.writeByte(0); // deflate
    ihdr.writeByte(0); // adaptive filtering
    ihdr.writeByte(0); // not interlaced
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.write(SIGNATURE);
      chunk(out, "IHDR", header.toByteArray());
      chunk(out, "IDAT", idat.toByteArray());
      chunk(out, "IEND", new byte[0]);
    }
    return file;
  }

  private static int paeth(int left, int up, int upLeft) {
    int estimate = left + up - upLeft;
    int toLeft = Math.abs(estimate - left);
    int toUp = Math.abs(estimate - up);
    int toUpLeft = Math.abs(estimate - upLeft);
    if (toLeft <= toUp && toLeft <= toUpLeft) {
      return left;
    }
    return toUp <= toUpLeft ? up : upLeft;
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeInt(data.length);
    out.write(name);
    out.write(data);
    out.writeInt((int) crc.getValue());
  }
}
