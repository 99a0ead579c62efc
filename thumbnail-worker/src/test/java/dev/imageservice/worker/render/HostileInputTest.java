package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.management.ThreadMXBean;
import dev.imageservice.common.format.HostileImages;
import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.testing.StallingReaderSpi;
import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs made to hurt: each is refused by the guard or fails cleanly with its failure code, and the
 * refusal allocates little (measured per thread, so other tests do not disturb the figure).
 */
class HostileInputTest {

  // Far below what decoding any of these would take (a 100000x100000 image is 40 GB).
  private static final long MAX_ALLOCATED_BYTES = 16L * 1024 * 1024;

  private final RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults(), codecs());

  /** The codecs under test: whatever this machine has ({@link HostileInputJavaPathTest}: none). */
  NativeCodecs codecs() {
    return NativeCodecs.detected();
  }

  @TempDir Path dir;

  @Test
  void truncatedJpegFailsAsCorrupt() throws IOException {
    byte[] jpeg = Files.readAllBytes(TestCorpus.committed().resolve("S10_nikon_d2h.jpg"));
    Path half = write("half.jpg", java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
    assertRejected(half, FailureCode.CORRUPT_IMAGE);
  }

  /**
   * The same damage where the native decoder takes the planar path (presets small enough for a box
   * reduction after DCT scaling): declined there, reported by ImageIO as before.
   */
  @Test
  void truncatedAndGarbageJpegsFailAsCorruptOnThePlanarPath() throws IOException {
    byte[] jpeg = Files.readAllBytes(TestCorpus.committed().resolve("S10_nikon_d2h.jpg"));
    java.util.List<Preset> small =
        java.util.List.of(new Preset("small", 60, 60, FitMode.FIT, OutputFormat.JPEG, 85));
    Path half = write("half-planar.jpg", java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
    assertThat(renderFailure(half, small)).isEqualTo(FailureCode.CORRUPT_IMAGE);
    // Garbage with an end to its data: an error or a premature end natively (declined, see
    // JpegPlanarDecodeTest), then, as before, what ImageIO makes of it.
    Path noise = write("noise.jpg", garbageScan(jpeg));
    assertThat(renderFailure(noise, small)).isEqualTo(FailureCode.CORRUPT_IMAGE);
  }

  private String renderFailure(Path file, java.util.List<Preset> presets) {
    return catchThrowableOfType(ImageRejectedException.class, () -> pipeline.render(file, presets))
        .code();
  }

  /**
   * The headers of {@code jpeg} up to its scan's, then 300 random bytes without a marker: the data
   * ends before the last block, so every decoder sees a premature end.
   */
  private static byte[] garbageScan(byte[] jpeg) {
    int at = 2;
    while (!((jpeg[at] & 0xff) == 0xff && (jpeg[at + 1] & 0xff) == 0xda)) {
      at += 2 + ((jpeg[at + 2] & 0xff) << 8 | (jpeg[at + 3] & 0xff));
    }
    int data = at + 2 + ((jpeg[at + 2] & 0xff) << 8 | (jpeg[at + 3] & 0xff));
    byte[] out = java.util.Arrays.copyOf(jpeg, data + 300);
    java.util.Random random = new java.util.Random(16);
    for (int i = data; i < out.length; i++) {
      int b = random.nextInt(256);
      out[i] = (byte) (b == 0xff ? 0 : b);
    }
    return out;
  }

  @Test
  void emptyFileIsUnsupported() throws IOException {
    assertRejected(write("empty.jpg", new byte[0]), FailureCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void textNamedJpgIsUnsupported() throws IOException {
    byte[] text = "this is not a picture\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
    assertRejected(write("notes.jpg", text), FailureCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void pngClaimingTenGigapixelsIsRefusedFromTheHeader() throws IOException {
    assertRejected(write("huge.png", pngHeaderOnly(100_000, 100_000)), FailureCode.TOO_MANY_PIXELS);
  }

  @Test
  void gifWithThousandsOfFramesIsRefused() throws IOException {
    Path gif = dir.resolve("frames.gif");
    writeAnimatedGif(gif, RenderProperties.DEFAULT_MAX_FRAMES + 500);
    assertRejected(gif, FailureCode.TOO_MANY_FRAMES);
  }

  @Test
  void fileOverTheByteLimitIsRefused() throws IOException {
    RenderPipeline strict = new RenderPipeline(RenderProperties.limits(null, 0, 0, 1000), codecs());
    Path jpeg = TestCorpus.committed().resolve("S10_nikon_d2h.jpg");
    ImageRejectedException e =
        catchThrowableOfType(
            ImageRejectedException.class,
            () -> strict.render(jpeg, RenderProperties.DEFAULT_PRESETS));
    assertThat(e.code()).isEqualTo(FailureCode.TOO_LARGE);
  }

  @Test
  void progressiveJpegOfTwentyThousandScansIsRefusedBeforeDecoding() throws IOException {
    Path jpeg = write("scans.jpg", HostileImages.manyScanJpeg(7000, 7000, 20_000));
    assertRejected(jpeg, FailureCode.TOO_MANY_SCANS);
  }

  @Test
  void pngOfSixThousandTextChunksIsRefusedWithoutInflatingThem() throws IOException {
    assertRejected(
        write("text.png", HostileImages.textChunkPng(6000)), FailureCode.TOO_MANY_CHUNKS);
  }

  @Test
  void pngWithAFewTextChunksStillRenders() throws IOException {
    Path png = write("some-text.png", HostileImages.textChunkPng(20));
    RenderResult result = pipeline.render(png, RenderProperties.DEFAULT_PRESETS);
    assertThat(result.thumbnails()).hasSize(3);
  }

  @Test
  void tiffOfAMillionChainedDirectoriesIsRefusedAfterCountingOnlyTheCap() throws IOException {
    Path tiff = HostileImages.chainedTiff(dir.resolve("chain.tif"), 1_000_000);
    assertRejected(tiff, FailureCode.TOO_MANY_FRAMES);
  }

  @Test
  void aTiffOfAFewDirectoriesRendersItsFirst() throws IOException {
    Path tiff = HostileImages.chainedTiff(dir.resolve("few.tif"), 3);
    RenderResult result = pipeline.render(tiff, RenderProperties.DEFAULT_PRESETS);
    assertThat(result.sourceWidth()).isEqualTo(16);
  }

  @Test
  void aStalledDecoderIsAbortedAtTheDeadline() throws IOException {
    Path stall = write("stall.bin", StallingReaderSpi.MAGIC);
    StallingReaderSpi spi = StallingReaderSpi.register();
    try {
      long started = System.nanoTime();
      java.time.Instant deadline = java.time.Instant.now().plusMillis(500);
      ImageRejectedException e =
          catchThrowableOfType(
              ImageRejectedException.class,
              () -> pipeline.render(stall, RenderProperties.DEFAULT_PRESETS, deadline));
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("stalled decoder: %s after %d ms%n", e.code(), millis);
      assertThat(e.code()).isEqualTo(FailureCode.RENDER_TIMEOUT);
      assertThat(e.retryable()).isFalse();
      assertThat(millis).isBetween(400L, 5_000L);
    } finally {
      StallingReaderSpi.unregister(spi);
    }
  }

  @Test
  void aRenderPastItsDeadlineFailsBeforeTheNextStep() {
    Path jpeg = TestCorpus.committed().resolve("S10_nikon_d2h.jpg");
    java.time.Instant past = java.time.Instant.now().minusSeconds(1);
    ImageRejectedException e =
        catchThrowableOfType(
            ImageRejectedException.class,
            () -> pipeline.render(jpeg, RenderProperties.DEFAULT_PRESETS, past));
    assertThat(e.code()).isEqualTo(FailureCode.RENDER_TIMEOUT);
  }

  private void assertRejected(Path file, String code) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    long started = System.nanoTime();
    ImageRejectedException e =
        catchThrowableOfType(
            ImageRejectedException.class,
            () -> pipeline.render(file, RenderProperties.DEFAULT_PRESETS));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    System.out.printf(
        "%s: %s (%s), %d kB allocated, %d ms%n",
        file.getFileName(),
        e.code(),
        e.getMessage(),
        allocated / 1024,
        (System.nanoTime() - started) / 1_000_000);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.retryable()).isFalse();
    assertThat(allocated).isLessThan(MAX_ALLOCATED_BYTES);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  /** A PNG with a valid IHDR (correct CRC) and a tiny IDAT, claiming the given size. */
  static byte[] pngHeaderOnly(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
    ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[1024]);
    deflater.finish();
    byte[] idat = new byte[256];
    int idatLength = deflater.deflate(idat);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", java.util.Arrays.copyOf(idat, idatLength));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static void writeAnimatedGif(Path target, int frames) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(target.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < frames; i++) {
        BufferedImage frame = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED);
        frame.setRGB(i % 4, 0, 0xffffff);
        writer.writeToSequence(new IIOImage(frame, null, null), null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }
}
