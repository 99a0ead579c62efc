package dev.imageservice.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service's image tar runs as a non-root user, and its entrypoint starts the image's own Java
 * 25 runtime and the application, which gets as far as wanting its configuration (no database is
 * configured, so Spring Boot stops with its failure analysis).
 */
class ServiceImageIT {

  private static final Map<String, ImageTar> IMAGES = new ConcurrentHashMap<>();
  private static final List<String> NO_AWS =
      List.of("AWS_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true");

  @ParameterizedTest
  @CsvSource({"api-gateway", "thumbnail-worker"})
  void imageRunsAsTheNonRootUser(String module) throws Exception {
    ImageTar image = image(module);
    assertThat(image.user()).isEqualTo("65532:65532");
    assertThat(image.rootfs().resolve("etc/passwd")).content().contains("nonroot:x:65532:65532:");
  }

  @ParameterizedTest
  @CsvSource({"api-gateway", "thumbnail-worker"})
  void imageCarriesItsOwnJava25Runtime(String module) throws Exception {
    IsolatedRun.Result result =
        IsolatedRun.run(image(module), List.of("java", "-version"), NO_AWS, Duration.ofSeconds(60));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("version \"25");
  }

  @ParameterizedTest
  @CsvSource({"api-gateway, ApiGatewayApplication", "thumbnail-worker, ThumbnailWorkerApplication"})
  void entrypointStartsTheApplicationAsNonRoot(String module, String main) throws Exception {
    ImageTar image = image(module);
    IsolatedRun.Result result =
        IsolatedRun.run(image, image.entrypoint(), NO_AWS, Duration.ofSeconds(120));
    assertThat(result.output())
        .contains("Starting " + main + " using Java 25")
        .contains("started by nonroot")
        .contains("APPLICATION FAILED TO START");
    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
  }

  /** The unpacked image of {@code module}, once per test JVM; skips when images are not built. */
  static ImageTar image(String module) {
    Assumptions.assumeFalse(Boolean.getBoolean("skipImages"), "images not built (-DskipImages)");
    Path unavailable = Path.of(System.getProperty("images.runtime", "")).resolve("UNAVAILABLE");
    Assumptions.assumeFalse(
        java.nio.file.Files.isRegularFile(unavailable),
        () -> "image base not built (" + readQuietly(unavailable) + ")");
    return IMAGES.computeIfAbsent(
        module,
        m -> {
          Path root = Path.of(System.getProperty("images.root", "../.."));
          Path work = Path.of(System.getProperty("images.workdir", "target/unpacked")).resolve(m);
          try {
            return ImageTar.unpack(root.resolve(m).resolve("target/jib-image.tar"), work);
          } catch (Exception e) {
            throw new IllegalStateException("cannot unpack the image of " + m, e);
          }
        });
  }

  private static String readQuietly(Path file) {
    try {
      return java.nio.file.Files.readString(file).strip();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
