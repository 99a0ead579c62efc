package dev.imageservice.worker.render;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Random;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

/** The stream over native memory reads as the JDK's own stream over the same bytes. */
class SegmentImageInputStreamTest {

  private final byte[] bytes = new byte[100_000];

  {
    new Random(16).nextBytes(bytes);
  }

  @Test
  void readsSeeksAndBitsAsTheJdksStream() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment segment = arena.allocate(bytes.length);
      MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
      try (ImageInputStream ours = new SegmentImageInputStream(segment);
          ImageInputStream jdk = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
        assertThat(ours.length()).isEqualTo(bytes.length);
        for (ImageInputStream in : new ImageInputStream[] {ours, jdk}) {
          in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
        }
        Random random = new Random(25);
        for (int step = 0; step < 2_000; step++) {
          switch (random.nextInt(6)) {
            case 0 -> assertThat(ours.read()).isEqualTo(jdk.read());
            case 1 -> {
              byte[] a = new byte[random.nextInt(20_000)];
              byte[] b = new byte[a.length];
              assertThat(ours.read(a, 0, a.length)).isEqualTo(jdk.read(b, 0, b.length));
              assertThat(a).isEqualTo(b);
            }
            case 2 -> {
              long to = random.nextInt(bytes.length + 10);
              ours.seek(to);
              jdk.seek(to);
            }
            case 3 -> {
              int bits = 1 + random.nextInt(30);
              if (ours.getStreamPosition() + 5 < bytes.length) {
                assertThat(ours.readBits(bits)).isEqualTo(jdk.readBits(bits));
              }
            }
            case 4 -> {
              if (ours.getStreamPosition() + 8 < bytes.length) {
                assertThat(ours.readInt()).isEqualTo(jdk.readInt());
              }
            }
            default -> {
              ours.mark();
              jdk.mark();
              assertThat(ours.skipBytes(7)).isEqualTo(jdk.skipBytes(7));
              ours.reset();
              jdk.reset();
            }
          }
          assertThat(ours.getStreamPosition()).isEqualTo(jdk.getStreamPosition());
        }
      }
    }
  }

  @Test
  void endsAtTheSegmentsEndAndRefusesReadsOnceClosed() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment segment = arena.allocate(3);
      ImageInputStream in = new SegmentImageInputStream(segment);
      assertThat(in.read(new byte[10], 0, 10)).isEqualTo(3);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
      in.close();
      assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
  }
}
