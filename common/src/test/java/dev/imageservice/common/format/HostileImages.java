package dev.imageservice.common.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Generators of structurally valid but hostile images, made in the tests instead of committed: a
 * progressive JPEG of many scans, a PNG of many compressed text chunks, a TIFF of many chained
 * directories.
 */
public final class HostileImages {

  private HostileImages() {}

  /**
   * A grey progressive JPEG: one full DC scan, then {@code scans - 1} AC scans of the whole image,
   * each coded as a few end-of-band runs (valid data, a few dozen bytes per scan). libjpeg decodes
   * it with "inconsistent progression" warnings, passing over every block once per scan.
   */
  public static byte[] manyScanJpeg(int width, int height, int scans) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
    byte[] dqt = new byte[65];
    java.util.Arrays.fill(dqt, 1, 65, (byte) 1);
    segment(out, 0xDB, dqt);
    segment(
        out,
        0xC2,
        new byte[] {
          8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0
        });
    // DC table: one symbol (category 0) with code "0". AC table: the 15 end-of-band runs EOB0 ..
    // EOB14, four-bit codes 0000 .. 1110.
    byte[] dc = new byte[18];
    dc[1] = 1;
    segment(out, 0xC4, dc);
    byte[] ac = new byte[1 + 16 + 15];
    ac[0] = 0x10;
    ac[4] = 15;
    for (int n = 0; n < 15; n++) {
      ac[17 + n] = (byte) (n << 4);
    }
    segment(out, 0xC4, ac);
    long blocks = (long) ((width + 7) / 8) * ((height + 7) / 8);
    segment(out, 0xDA, new byte[] {1, 1, 0x00, 0, 0, 0});
    BitWriter dcData = new BitWriter();
    for (long i = 0; i < blocks; i++) {
      dcData.write(0, 1);
    }
    out.writeBytes(dcData.finish());
    byte[] acData = eobRuns(blocks);
    for (int s = 1; s < scans; s++) {
      segment(out, 0xDA, new byte[] {1, 1, 0x00, 1, 63, 0});
      out.writeBytes(acData);
    }
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
    return out.toByteArray();
  }

  private static byte[] eobRuns(long blocks) {
    BitWriter bits = new BitWriter();
    long left = blocks;
    while (left > 0) {
      int run = (int) Math.min(left, 32767);
      int n = 31 - Integer.numberOfLeadingZeros(run); // EOBn covers 2^n .. 2^(n+1)-1 blocks
      bits.write(n, 4); // the code of symbol EOBn (n << 4) is n, four bits long
      bits.write(run - (1 << n), n);
      left -= run;
    }
    return bits.finish();
  }

  /** A 16x16 grey PNG preceded by {@code chunks} zTXt chunks, each inflating to 256 kB. */
  public static byte[] textChunkPng(int chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(16).putInt(16).put((byte) 8).array());
    ByteArrayOutputStream ztxt = new ByteArrayOutputStream();
    ztxt.writeBytes("Comment".getBytes(StandardCharsets.US_ASCII));
    ztxt.write(0);
    ztxt.write(0); // compression method: deflate
    ztxt.writeBytes(deflate(new byte[256 * 1024]));
    byte[] text = ztxt.toByteArray();
    for (int i = 0; i < chunks; i++) {
      pngChunk(out, "zTXt", text);
    }
    byte[] rows = new byte[16 * 17]; // filter byte 0 and 16 grey pixels per row
    pngChunk(out, "IDAT", deflate(rows));
    pngChunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /**
   * Writes a little-endian TIFF: one real 16x16 grey directory, then {@code directories - 1}
   * one-entry directories chained behind it (18 bytes each).
   */
  public static Path chainedTiff(Path target, int directories) throws IOException {
    try (OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(target))) {
      ByteBuffer head =
          ByteBuffer.allocate(8 + 2 + 9 * 12 + 4 + 256).order(ByteOrder.LITTLE_ENDIAN);
      head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
      int pixels = 8 + 2 + 9 * 12 + 4;
      head.putShort((short) 9);
      entry(head, 256, 3, 16);
      entry(head, 257, 3, 16);
      entry(head, 258, 3, 8);
      entry(head, 259, 3, 1);
      entry(head, 262, 3, 1);
      entry(head, 273, 4, pixels);
      entry(head, 277, 3, 1);
      entry(head, 278, 3, 16);
      entry(head, 279, 4, 256);
      int next = pixels + 256;
      head.putInt(directories > 1 ? next : 0);
      file.write(head.array());
      ByteBuffer tiny = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
      for (int d = 1; d < directories; d++) {
        next += 18;
        tiny.clear();
        tiny.putShort((short) 1);
        entry(tiny, 256, 3, 16);
        tiny.putInt(d + 1 < directories ? next : 0);
        file.write(tiny.array());
      }
    }
    return target;
  }

  private static void entry(ByteBuffer ifd, int tag, int type, int value) {
    ifd.putShort((short) tag).putShort((short) type).putInt(1);
    if (type == 3) {
      ifd.putShort((short) value).putShort((short) 0);
    } else {
      ifd.putInt(value);
    }
  }

  /**
   * A copy of a small HEIF/AVIF file whose primary image's {@code ispe} declares {@code width x
   * height}: a pixel bomb of a kilobyte. The coded data stays the small image's.
   */
  public static byte[] heifDeclaring(byte[] heif, int width, int height) {
    byte[] bomb = heif.clone();
    int found = 0;
    for (int i = 4; i + 16 <= bomb.length; i++) {
      if (bomb[i] == 'i' && bomb[i + 1] == 's' && bomb[i + 2] == 'p' && bomb[i + 3] == 'e') {
        ByteBuffer.wrap(bomb, i + 8, 8).putInt(width).putInt(height);
        found++;
      }
    }
    if (found == 0) {
      throw new IllegalArgumentException("no ispe box");
    }
    return bomb;
  }

  /**
   * A copy of {@code image} whose bytes from {@code from} to the end are replaced by a
   * deterministic pseudo-random sequence: the structure up to there stays, the coded data is noise.
   */
  public static byte[] scrambledFrom(byte[] image, int from, long seed) {
    byte[] damaged = image.clone();
    java.util.Random random = new java.util.Random(seed);
    for (int i = Math.max(0, from); i < damaged.length; i++) {
      damaged[i] = (byte) random.nextInt(256);
    }
    return damaged;
  }

  private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
    out.write(0xFF);
    out.write(marker);
    out.write((data.length + 2) >> 8);
    out.write(data.length + 2);
    out.writeBytes(data);
  }

  private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** Huffman-coded bits, most significant first, with JPEG's 0xFF byte stuffing. */
  private static final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int filled;

    void write(int value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        current = (current << 1) | ((value >> i) & 1);
        if (++filled == 8) {
          flushByte();
        }
      }
    }

    byte[] finish() {
      while (filled != 0) {
        write(1, 1); // pad with one-bits
      }
      return out.toByteArray();
    }

    private void flushByte() {
      out.write(current);
      if (current == 0xFF) {
        out.write(0);
      }
      current = 0;
      filled = 0;
    }
  }
}
