package dev.imageservice.worker.render;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@link javax.imageio.stream.ImageInputStream} over bytes in native memory: every read is a
 * copy out of the segment, with no system call and no buffer of its own. Seeking, marks and bit
 * reads come from {@link ImageInputStreamImpl}. Not thread-safe, as ImageIO streams are not.
 */
final class SegmentImageInputStream extends ImageInputStreamImpl {

  private final MemorySegment bytes;
  private final long length;

  SegmentImageInputStream(MemorySegment bytes) {
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    this.length = bytes.byteSize();
  }

  @Override
  public int read() throws IOException {
    checkClosed();
    bitOffset = 0;
    if (streamPos >= length) {
      return -1;
    }
    return bytes.get(JAVA_BYTE, streamPos++) & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkClosed();
    Objects.checkFromIndexSize(off, len, b.length);
    bitOffset = 0;
    if (len == 0) {
      return 0;
    }
    if (streamPos >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - streamPos);
    MemorySegment.copy(bytes, JAVA_BYTE, streamPos, b, off, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return length;
  }
}
