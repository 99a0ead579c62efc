package dev.imageservice.common.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imageservice.common.job.FailureCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StructureScannerTest {

  private static final StructureLimits LIMITS = StructureLimits.defaults();

  @TempDir Path dir;

  @Test
  void countsEveryScanOfAProgressiveJpegThroughStuffedBytes() throws IOException {
    // The AC scans' data is mostly one-bits: it holds many stuffed FF 00 pairs.
    byte[] jpeg = HostileImages.manyScanJpeg(7000, 7000, 300);
    assertThat(containsStuffedFf(jpeg)).isTrue();

    ImageStructure structure = scan("jpeg", jpeg, new StructureLimits(1000, 0, 0));

    assertThat(structure.scans()).isEqualTo(300);
    assertThat(structure.progressive()).isTrue();
    assertThat(structure.components()).isEqualTo(1);
  }

  @Test
  void refusesTwentyThousandScansAfterReadingOnlyTheCap() throws IOException {
    byte[] jpeg = HostileImages.manyScanJpeg(7000, 7000, 20_000);
    System.out.printf("many-scans JPEG: %d bytes%n", jpeg.length);
    CountingStream in = new CountingStream(jpeg);

    StructureLimitExceededException e =
        catchThrowableOfType(
            StructureLimitExceededException.class, () -> StructureScanner.scan("jpeg", in, LIMITS));

    assertThat(e.code()).isEqualTo(FailureCode.TOO_MANY_SCANS);
    // The DC scan (96 kB) and 101 small AC scans: far from the 1.2 MB file.
    assertThat(in.getStreamPosition()).isLessThan(200_000);
  }

  @Test
  void realJpegsHaveFewScans() throws IOException {
    try (Stream<Path> files = Files.list(TestCorpus.committed())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jpg")).toList()) {
        ImageStructure structure = scan("jpeg", Files.readAllBytes(file), LIMITS);
        assertThat(structure.scans()).as(file.getFileName().toString()).isBetween(1, 20);
      }
    }
  }

  @Test
  void refusesAPngWithThousandsOfTextChunksWithoutInflatingThem() {
    StructureLimitExceededException e =
        catchThrowableOfType(
            StructureLimitExceededException.class,
            () -> scan("png", HostileImages.textChunkPng(6000), LIMITS));

    assertThat(e.code()).isEqualTo(FailureCode.TOO_MANY_CHUNKS);
  }

  @Test
  void aTruncatedPngIsCountedAsFarAsItGoes() {
    byte[] png = HostileImages.textChunkPng(6000);
    byte[] half = java.util.Arrays.copyOf(png, png.length / 2);
    StructureLimitExceededException e =
        catchThrowableOfType(
            StructureLimitExceededException.class, () -> scan("png", half, LIMITS));
    assertThat(e.code()).isEqualTo(FailureCode.TOO_MANY_CHUNKS);
  }

  @Test
  void acceptsAPngWithAFewTextChunks() throws IOException {
    assertThat(scan("png", HostileImages.textChunkPng(10), LIMITS).iccProfileChunk()).isNull();
  }

  @Test
  void returnsTheRawIccpChunkOfAPng() throws IOException {
    try (Stream<Path> files = Files.list(TestCorpus.committed())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".png")).toList()) {
        byte[] png = Files.readAllBytes(file);
        ImageStructure structure = scan("png", png, LIMITS);
        boolean hasIccp =
            indexOf(png, "iCCP".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) > 0;
        assertThat(structure.iccProfileChunk() != null).as(file.toString()).isEqualTo(hasIccp);
      }
    }
  }

  @Test
  void refusesAMillionChainedTiffDirectoriesAfterCountingOnlyTheCap() throws IOException {
    Path tiff = HostileImages.chainedTiff(dir.resolve("chain.tif"), 1_000_000);
    long started = System.nanoTime();
    StructureLimitExceededException e;
    try (ImageInputStream in = new FileImageInputStream(new RandomAccessFile(tiff.toFile(), "r"))) {
      e =
          catchThrowableOfType(
              StructureLimitExceededException.class,
              () -> StructureScanner.scan("tiff", in, LIMITS));
    }
    System.out.printf(
        "chained TIFF: %d bytes refused in %d ms%n",
        Files.size(tiff), (System.nanoTime() - started) / 1_000_000);
    assertThat(e.code()).isEqualTo(FailureCode.TOO_MANY_FRAMES);
  }

  @Test
  void countsChainedTiffDirectoriesUpToTheLimit() throws IOException {
    Path tiff = HostileImages.chainedTiff(dir.resolve("five.tif"), 5);
    assertThat(scan("tiff", Files.readAllBytes(tiff), LIMITS).frames()).isEqualTo(5);
  }

  @Test
  void stopsAtADirectoryLoop() throws IOException {
    byte[] tiff = Files.readAllBytes(HostileImages.chainedTiff(dir.resolve("loop.tif"), 3));
    // The last directory's next-IFD link (its final four bytes) points back at the first (8).
    tiff[tiff.length - 4] = 8;
    assertThat(scan("tiff", tiff, LIMITS).frames()).isEqualTo(3);
  }

  @Test
  void countsTheFramesOfAnAnimatedWebPUpToTheCap() throws IOException {
    assertThat(scan("webp", animatedWebP(3), LIMITS).frames()).isEqualTo(3);
    StructureLimitExceededException e =
        catchThrowableOfType(
            StructureLimitExceededException.class, () -> scan("webp", animatedWebP(5000), LIMITS));
    assertThat(e.code()).isEqualTo(FailureCode.TOO_MANY_FRAMES);
  }

  @Test
  void aStillWebPHasOneFrame() throws IOException {
    try (Stream<Path> files = Files.list(TestCorpus.committed())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".webp")).toList()) {
        assertThat(scan("webp", Files.readAllBytes(file), LIMITS).frames())
            .as(file.toString())
            .isGreaterThanOrEqualTo(1);
      }
    }
  }

  @Test
  void leavesOtherFormatsAlone() throws IOException {
    assertThat(scan("bmp", new byte[16], LIMITS).frames()).isZero();
  }

  private static ImageStructure scan(String format, byte[] bytes, StructureLimits limits)
      throws IOException {
    try (ImageInputStream in = new CountingStream(bytes)) {
      return StructureScanner.scan(format, in, limits);
    }
  }

  /** RIFF/WEBP with a VP8X chunk and {@code frames} (empty-bodied) ANMF chunks. */
  private static byte[] animatedWebP(int frames) {
    java.nio.ByteBuffer riff =
        java.nio.ByteBuffer.allocate(12 + 18 + frames * 24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    riff.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    riff.putInt(riff.capacity() - 8);
    riff.put("WEBPVP8X".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(10);
    riff.put(new byte[10]);
    for (int i = 0; i < frames; i++) {
      riff.put("ANMF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
      riff.put(new byte[16]);
    }
    return riff.array();
  }

  private static boolean containsStuffedFf(byte[] bytes) {
    return indexOf(bytes, new byte[] {(byte) 0xFF, 0}) > 0;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** An in-memory stream whose position shows how far a scanner read. */
  private static final class CountingStream extends MemoryCacheImageInputStream {
    CountingStream(byte[] bytes) {
      super(new java.io.ByteArrayInputStream(bytes));
    }
  }
}
