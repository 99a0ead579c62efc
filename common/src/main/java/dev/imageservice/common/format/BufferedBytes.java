package dev.imageservice.common.format;

import java.io.EOFException;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;

/**
 * Byte-wise reading over an {@link ImageInputStream} through a small buffer of our own, so that a
 * scanner walking megabytes of entropy-coded data makes one read call per 8 kB, whatever stream
 * implementation it was given (the JDK's file stream makes a system call per {@code read()}).
 */
final class BufferedBytes {

  private final ImageInputStream in;
  private final byte[] buffer = new byte[8192];
  private int next;
  private int limit;

  BufferedBytes(ImageInputStream in, long start) throws IOException {
    this.in = in;
    in.seek(start);
  }

  /** The next byte, 0..255. */
  int read() throws IOException {
    if (next == limit) {
      fill();
    }
    return buffer[next++] & 0xff;
  }

  /**
   * Skips bytes up to and including the next {@code 0xFF}: a tight loop over the buffer, as the
   * entropy-coded data of a large JPEG is megabytes long (one {@link #read} per byte cost 38 ms on
   * a 16 MB progressive photo).
   */
  void skipPastFf() throws IOException {
    while (true) {
      for (int i = next; i < limit; i++) {
        if (buffer[i] == (byte) 0xFF) {
          next = i + 1;
          return;
        }
      }
      next = limit;
      fill();
    }
  }

  int readUnsignedShort() throws IOException {
    return (read() << 8) | read();
  }

  void skip(long bytes) throws IOException {
    long buffered = limit - next;
    if (bytes <= buffered) {
      next += (int) bytes;
      return;
    }
    long target = in.getStreamPosition() + (bytes - buffered);
    next = limit = 0;
    in.seek(target);
  }

  private void fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      throw new EOFException();
    }
    next = 0;
    limit = n;
  }
}
