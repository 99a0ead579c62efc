package dev.imageservice.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL across processes, with its binaries in a folder of the test's own so that
 * the shared one other tests use is never touched: a first start killed while it extracted them
 * must not break every later start, and a JVM told to exit while the server starts must not leave
 * the server running.
 */
class EmbeddedPostgresServerTest {

  @TempDir Path binaries;
  @TempDir Path logs;

  @Test
  void startsAfterAFirstStartWasKilledHalfWayThroughExtractingTheBinaries() throws Exception {
    assertThat(startInAProcessOfItsOwn("first")).contains("answer=1");
    Path extracted = onlyExtraction();
    // What a kill before the end of the extraction leaves: no mark, part of the files missing,
    // and a link of lib/ made before the file it points at, on which zonky's next extraction
    // failed ("FileAlreadyExistsException: .../lib/libicuuc.so", seen after a killed start).
    Files.delete(extracted.resolve(InterruptedPostgresExtraction.COMPLETE));
    deleteTree(extracted.resolve("bin"));
    Path link = firstLink(extracted.resolve("lib"));
    Files.delete(link.resolveSibling(Files.readSymbolicLink(link)));

    String again = startInAProcessOfItsOwn("again");

    assertThat(again).contains("answer=1").contains("half extracted in " + extracted);
    assertThat(extracted.resolve(InterruptedPostgresExtraction.COMPLETE)).exists();
  }

  @Test
  void aJvmThatExitsWhileTheServerStartsStopsTheServer(@TempDir Path cluster) throws Exception {
    Path pidFile = cluster.resolve("postmaster.pid");
    try {
      String output =
          runInAProcessOfItsOwn(
              "exit", 3, PostgresStartDuringExit.class, binaries.toString(), cluster.toString());

      // A server left running keeps its pid file; one stopped cleanly removes it. And it did
      // start: a cluster, a server that came up.
      assertThat(pidFile).as(output).doesNotExist();
      assertThat(cluster.resolve("PG_VERSION")).exists();
      assertThat(output).contains("postmaster startup finished");
    } finally {
      stopLeftOver(pidFile);
    }
  }

  private String startInAProcessOfItsOwn(String name) throws IOException, InterruptedException {
    return runInAProcessOfItsOwn(name, 0, PostgresFirstStart.class, binaries.toString());
  }

  private String runInAProcessOfItsOwn(String name, int status, Class<?> main, String... args)
      throws IOException, InterruptedException {
    Path log = logs.resolve(name + ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isEqualTo(status);
    return output;
  }

  // A failed run must not leave its server behind on the build machine.
  private static void stopLeftOver(Path pidFile) throws IOException {
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
  }

  private static Path firstLink(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isSymbolicLink).sorted().findFirst().orElseThrow();
    }
  }

  private Path onlyExtraction() throws IOException {
    try (Stream<Path> folders = Files.list(binaries)) {
      return folders.filter(p -> p.getFileName().toString().startsWith("PG-")).findFirst().get();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
