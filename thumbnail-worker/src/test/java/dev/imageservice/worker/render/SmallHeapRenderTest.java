package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The biggest corpus JPEG (5640x3172, 17.9 MP; 54 MB as decoded RGB) renders in a JVM with a 64 MB
 * heap: subsampled decoding keeps the renderer's memory to a fraction of the picture's size.
 */
class SmallHeapRenderTest {

  private static final String LARGEST_JPEG = "L01_elephants_5640x3172.jpg";

  @TempDir Path out;

  @Test
  void rendersTheLargestCorpusJpegWithin64MbOfHeap() throws IOException, InterruptedException {
    Optional<Path> corpus = TestCorpus.full();
    Assumptions.assumeTrue(
        corpus.isPresent(),
        "full corpus absent (-Dcorpus.dir): " + LARGEST_JPEG + " not available");
    Path source = corpus.orElseThrow().resolve(LARGEST_JPEG);
    Path log = out.resolve("child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                RenderCommand.class.getName(),
                out.resolve("thumbs").toString(),
                source.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = child.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      child.destroyForcibly();
    }
    String output = Files.readString(log);
    System.out.println(output);
    assertThat(finished).as("child finished").isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    for (String preset : List.of("small", "medium", "square")) {
      Path thumbnail = out.resolve("thumbs/L01_elephants_5640x3172_" + preset + ".jpg");
      assertThat(thumbnail).isNotEmptyFile();
    }
  }
}
