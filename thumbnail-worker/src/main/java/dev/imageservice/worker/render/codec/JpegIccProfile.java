package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reassembles the ICC profile a JPEG carries in its {@code APP2 ICC_PROFILE} segments (which
 * TurboJPEG ignores) from the file's bytes, walking the markers up to the first scan. Stateless.
 */
final class JpegIccProfile {

  private static final byte[] SIGNATURE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
  private static final int APP2 = 0xE2;
  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;

  private JpegIccProfile() {}

  /** The profile's bytes, or null when there is none or its chunks are incomplete. */
  static byte @Nullable [] read(MemorySegment jpeg) {
    long size = jpeg.byteSize();
    byte[][] chunks = null;
    long pos = 2;
    while (pos + 4 <= size) {
      if (u8(jpeg, pos) != 0xFF) {
        return null; // not a marker where one must be: leave the data to the decoder
      }
      int marker = u8(jpeg, pos + 1);
      if (marker == 0xFF) {
        pos++; // fill byte
        continue;
      }
      if (marker == SOS || marker == EOI) {
        break;
      }
      int length = u8(jpeg, pos + 2) << 8 | u8(jpeg, pos + 3);
      if (marker == APP2 && length >= 16 && pos + 2 + length <= size && isIcc(jpeg, pos + 4)) {
        int sequence = u8(jpeg, pos + 16);
        int count = u8(jpeg, pos + 17);
        if (chunks == null) {
          chunks = new byte[count][];
        }
        if (sequence >= 1 && sequence <= chunks.length) {
          chunks[sequence - 1] = jpeg.asSlice(pos + 18, length - 16).toArray(JAVA_BYTE);
        }
      }
      pos += 2 + length;
    }
    return chunks == null ? null : join(chunks);
  }

  private static byte @Nullable [] join(byte[][] chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] chunk : chunks) {
      if (chunk == null) {
        return null;
      }
      out.writeBytes(chunk);
    }
    return out.toByteArray();
  }

  private static boolean isIcc(MemorySegment jpeg, long at) {
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (jpeg.get(JAVA_BYTE, at + i) != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u8(MemorySegment segment, long at) {
    return segment.get(JAVA_BYTE, at) & 0xff;
  }
}
