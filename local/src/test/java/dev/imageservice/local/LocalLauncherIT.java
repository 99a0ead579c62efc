package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first command run with an older {@code java} first on the PATH, as on a stock Debian
 * 12 with Temurin 25 beside it: the packaged jar either runs on {@code JAVA_HOME} or says what is
 * wrong. Needs a JDK 17-24 under {@code /usr/lib/jvm} (the packaged jar's launcher needs 17).
 */
class LocalLauncherIT {

  private static final Path JAR = Path.of("target", "image-service-local.jar");

  private static Path olderJava;

  @BeforeAll
  static void findAnOlderJdk() throws IOException {
    Optional<Path> older = olderJdk(Path.of("/usr/lib/jvm"));
    assumeTrue(
        older.isPresent(),
        "no JDK 17-24 under /usr/lib/jvm: the launcher's relaunch is not exercised here");
    olderJava = older.get().resolve("bin/java");
    assertThat(JAR).as("the packaged jar (failsafe runs after package)").exists();
  }

  @Test
  void anOlderJavaRunsTheCommandOnAJava25JavaHome() throws Exception {
    Result result = run(System.getProperty("java.home"), "bench");

    assertThat(result.output())
        .contains("running on JAVA_HOME " + System.getProperty("java.home"))
        .contains("usage: bench e2e");
    // The same status as `bench` without arguments on Java 25 (a usage error): passed through.
    assertThat(result.exitCode()).isEqualTo(2);
  }

  @Test
  void anOlderJavaWithoutAJava25SaysSoInOneLine() throws Exception {
    Result result = run(null, "bench");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains("image-service needs Java 25 or newer")
        .contains("set JAVA_HOME to one")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  private static Result run(String javaHome, String... args) throws Exception {
    List<String> command =
        Stream.concat(Stream.of(olderJava.toString(), "-jar", JAR.toString()), Stream.of(args))
            .toList();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JAVA_HOME");
    if (javaHome != null) {
      builder.environment().put("JAVA_HOME", javaHome);
    }
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static Optional<Path> olderJdk(Path jvms) throws IOException {
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .filter(
              home -> {
                int feature = LocalLauncher.feature(home);
                return feature >= 17 && feature < LocalLauncher.REQUIRED;
              })
          .sorted()
          .findFirst();
    }
  }

  private record Result(int exitCode, String output) {}
}
