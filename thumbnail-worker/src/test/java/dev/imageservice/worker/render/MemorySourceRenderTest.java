package dev.imageservice.worker.render;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.codec.NativeCodecs;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An original the worker holds in memory renders exactly as the same bytes in a file: every
 * committed corpus image (JPEG, PNG, GIF, TIFF, WebP, BMP; HEIC and AVIF where libheif is
 * installed), whole and cut in half, through the native decoders and ImageIO alike. Equal means the
 * same thumbnails byte for byte, or the same refusal.
 */
class MemorySourceRenderTest {

  private static final NativeCodecs CODECS = NativeCodecs.detected();
  private final RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults(), CODECS);
  private final List<Preset> presets = RenderProperties.defaults().presets();

  static Stream<Path> images() throws IOException {
    Path root = TestCorpus.committed();
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(root, root.resolveSibling("heif"))) {
      try (Stream<Path> listed = Files.list(dir)) {
        listed
            .filter(f -> !f.getFileName().toString().endsWith(".csv"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("images")
  void rendersAsTheFileDoes(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String name = file.getFileName().toString();

    assertThat(fromMemory(bytes, name)).as(name).isEqualTo(fromFile(file));

    byte[] half = Arrays.copyOf(bytes, bytes.length / 2);
    Path halfFile = Files.createTempFile("half-", "-" + name);
    try {
      Files.write(halfFile, half);
      assertThat(fromMemory(half, name)).as("half of " + name).isEqualTo(fromFile(halfFile));
    } finally {
      Files.delete(halfFile);
    }
  }

  private String fromFile(Path file) {
    return outcome(
        () -> pipeline.render(pipeline.probe(file, presets), List.of(), null, StepObserver.NONE));
  }

  private String fromMemory(byte[] bytes, String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment segment = arena.allocate(bytes.length);
      MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
      ImageSource source = ImageSource.of(segment, name);
      return outcome(
          () ->
              pipeline.render(pipeline.probe(source, presets), List.of(), null, StepObserver.NONE));
    }
  }

  /** The thumbnails as a comparable text (sizes, formats, a hash of the bytes), or the refusal. */
  private static String outcome(java.util.function.Supplier<RenderResult> render) {
    try {
      RenderResult result = render.get();
      StringBuilder out = new StringBuilder(result.sourceFormat()).append('\n');
      for (RenderedThumbnail t : result.thumbnails()) {
        out.append(t.preset())
            .append(' ')
            .append(t.format())
            .append(' ')
            .append(t.width())
            .append('x')
            .append(t.height())
            .append(' ')
            .append(t.bytes().length)
            .append(' ')
            .append(Arrays.hashCode(t.bytes()))
            .append('\n');
      }
      return out.toString();
    } catch (ImageRejectedException e) {
      return "rejected " + e.code();
    }
  }
}
