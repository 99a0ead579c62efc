package dev.imageservice.common.format;

import java.io.EOFException;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;

/**
 * Counts a JPEG's scans (SOS markers) by walking its markers and skipping each scan's entropy-coded
 * data (byte-stuffed {@code FF 00} and restart markers {@code RSTn} are data, not segment
 * boundaries). Stops at the first EOI or at the cap: a file of 20,000 scans costs no more than the
 * cap. Memory: one 8 kB buffer.
 */
final class JpegScanCounter {

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int TEM = 0x01;

  /** Scans found (at most the cap), and what the frame header says. */
  record Result(int scans, boolean progressive, int components) {}

  private JpegScanCounter() {}

  /** Counts from the start of {@code in} up to {@code cap} scans. */
  static Result count(ImageInputStream in, int cap) throws IOException {
    BufferedBytes bytes = new BufferedBytes(in, 0);
    if (bytes.read() != 0xFF || bytes.read() != SOI) {
      return new Result(0, false, 0);
    }
    int scans = 0;
    boolean progressive = false;
    int components = 0;
    try {
      int marker = nextMarker(bytes);
      while (marker != EOI && scans < cap) {
        if (marker == TEM || (marker >= 0xD0 && marker <= 0xD7)) {
          marker = nextMarker(bytes); // standalone markers carry no length
          continue;
        }
        int length = bytes.readUnsignedShort();
        if (length < 2) {
          break; // damaged: the decoder reports it
        }
        if (isStartOfFrame(marker) && length >= 8) {
          progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
          bytes.skip(5); // precision, height, width
          components = bytes.read();
          bytes.skip(length - 8L);
        } else {
          bytes.skip(length - 2L);
        }
        if (marker == SOS) {
          scans++;
          marker = skipEntropyCodedData(bytes);
        } else {
          marker = nextMarker(bytes);
        }
      }
    } catch (EOFException e) {
      // a truncated file: the scans so far count (the decoder reports the truncation)
    }
    return new Result(scans, progressive, components);
  }

  /** The marker code after any fill bytes; garbage before it is skipped, as libjpeg does. */
  private static int nextMarker(BufferedBytes bytes) throws IOException {
    int b = bytes.read();
    while (b != 0xFF) {
      b = bytes.read();
    }
    while (b == 0xFF) {
      b = bytes.read();
    }
    return b;
  }

  /** Skips scan data up to the next real marker and returns its code. */
  private static int skipEntropyCodedData(BufferedBytes bytes) throws IOException {
    while (true) {
      bytes.skipPastFf();
      int b = bytes.read();
      while (b == 0xFF) {
        b = bytes.read();
      }
      boolean stuffedOrRestart = b == 0x00 || (b >= 0xD0 && b <= 0xD7);
      if (!stuffedOrRestart) {
        return b;
      }
    }
  }

  private static boolean isStartOfFrame(int marker) {
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }
}
