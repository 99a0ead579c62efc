package dev.imageservice.common.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.job.FailureCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

/** HEIC and AVIF recognised and sized from their boxes alone, without libheif. */
class HeifBoxesTest {

  private static Path heif(String name) {
    return TestCorpus.committed().resolveSibling("heif").resolve(name);
  }

  private static ImageInputStream stream(byte[] bytes) {
    return new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(bytes));
  }

  @Test
  void recognisesBrandsAndReadsTheDisplayedSize() throws IOException {
    byte[] rotated = Files.readAllBytes(heif("orient_irot1.avif"));
    try (ImageInputStream in = stream(rotated)) {
      assertThat(HeifBoxes.brand(in)).contains("avif");
      HeifImageInfo info = HeifBoxes.read(in);
      // Stored 50x70 turned a quarter: displayed 70x50.
      assertThat(info).isEqualTo(new HeifImageInfo(50, 70, 1, false));
      assertThat(info.displayWidth()).isEqualTo(70);
    }
    try (ImageInputStream in = stream(Files.readAllBytes(heif("orientation_ref.heic")))) {
      assertThat(HeifBoxes.brand(in)).contains("heic");
      assertThat(HeifBoxes.read(in)).isEqualTo(new HeifImageInfo(50, 70, 0, false));
    }
    try (ImageInputStream in = stream(Files.readAllBytes(heif("orient_imir1.avif")))) {
      HeifBoxes.brand(in);
      assertThat(HeifBoxes.read(in).mirrored()).isTrue();
    }
  }

  @Test
  void gridImageIsSizedByItsGridItem() throws IOException {
    try (ImageInputStream in = stream(Files.readAllBytes(heif("grid_2x2.avif")))) {
      HeifBoxes.brand(in);
      assertThat(HeifBoxes.read(in)).isEqualTo(new HeifImageInfo(256, 192, 0, false));
    }
  }

  @Test
  void otherFormatsAreNotHeif() throws IOException {
    byte[] jpeg = Files.readAllBytes(TestCorpus.committed().resolve("S02_orientation_1.jpg"));
    try (ImageInputStream in = stream(jpeg)) {
      assertThat(HeifBoxes.brand(in)).isEqualTo(Optional.empty());
    }
  }

  @Test
  void aBombIsSizedFromIspeAlone() throws IOException {
    byte[] bomb =
        HostileImages.heifDeclaring(Files.readAllBytes(heif("orient_irot1.avif")), 17_000, 17_000);
    assertThat(bomb.length).isLessThan(2048);
    try (ImageInputStream in = stream(bomb)) {
      HeifBoxes.brand(in);
      assertThat(HeifBoxes.read(in).width()).isEqualTo(17_000);
    }
  }

  @Test
  void truncatedBoxesAreCorruptNotACrash() throws IOException {
    byte[] file = Files.readAllBytes(heif("grid_2x2.avif"));
    int refused = 0;
    for (int length = 24; length < file.length; length++) {
      try (ImageInputStream in = stream(Arrays.copyOf(file, length))) {
        assertThat(HeifBoxes.brand(in)).isPresent();
        try {
          HeifBoxes.read(in);
          break; // the meta box is complete from here on; the decoder judges the rest
        } catch (StructureLimitExceededException e) {
          assertThat(e.code()).isEqualTo(FailureCode.CORRUPT_IMAGE);
          refused++;
        }
      }
    }
    assertThat(refused).as("cuts inside the boxes").isGreaterThan(100);
  }
}
