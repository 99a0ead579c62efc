package dev.imageservice.bench.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm render server behind {@code bench/render/ext-cmd.sh}, spoken to over its socket. */
class RenderServerTest {

  @TempDir Path dir;

  @Test
  void rendersAHarnessListForTheTokenHolderAndExitsWhenIdle() throws Exception {
    Path state = dir.resolve("server.state");
    CompletableFuture<Integer> server = start(state, Duration.ofSeconds(3));
    String[] fields = Files.readString(state).trim().split(" ");
    assertThat(Files.getPosixFilePermissions(state))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    Path list = list("S01_iphone4s_orient6.jpg", "S21_yellow_rose_rgba.png");
    Path out = dir.resolve("out");
    List<String> answer = request(fields[0], fields[1] + "\t2\t\t" + out + "\t" + list);

    assertThat(answer).last().isEqualTo("exit 0");
    assertThat(answer).anyMatch(line -> line.startsWith("2 files: 2 ok, 0 failed"));
    assertThat(out.resolve("S01_iphone4s_orient6_1024.jpg")).isNotEmptyFile();
    assertThat(out.resolve("S21_yellow_rose_rgba_256.jpg")).isNotEmptyFile();

    // No request for longer than the idle period: the server ends and removes its state file.
    assertThat(server.get()).isZero();
    assertThat(state).doesNotExist();
  }

  @Test
  void refusesARequestWithoutItsTokenAndRendersNothing() throws Exception {
    Path state = dir.resolve("server.state");
    CompletableFuture<Integer> server = start(state, Duration.ofSeconds(2));
    String port = Files.readString(state).trim().split(" ")[0];
    Path out = dir.resolve("out");

    List<String> answer =
        request(port, "not-the-token\t1\t\t" + out + "\t" + list("S02_orientation_1.jpg"));

    assertThat(answer).containsExactly("render: refused (bad token or request)", "exit 2");
    assertThat(out).doesNotExist();
    assertThat(server.get()).isZero();
  }

  @Test
  void answersABadListWithAUsageErrorAndKeepsServing() throws Exception {
    Path state = dir.resolve("server.state");
    CompletableFuture<Integer> server = start(state, Duration.ofSeconds(3));
    String[] fields = Files.readString(state).trim().split(" ");

    List<String> missing =
        request(fields[0], fields[1] + "\t1\t\t" + dir + "\t" + dir.resolve("nope.tsv"));
    List<String> good =
        request(
            fields[0],
            fields[1] + "\t1\t\t" + dir.resolve("out") + "\t" + list("S02_orientation_1.jpg"));

    assertThat(missing).last().isEqualTo("exit 2");
    assertThat(missing.getFirst()).startsWith("render: cannot read");
    assertThat(good).last().isEqualTo("exit 0");
    assertThat(server.get()).isZero();
  }

  @Test
  void aMalformedServeCommandIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

    int code =
        HarnessCommand.run(
            new String[] {"--serve", dir.resolve("s").toString(), "--idle-seconds", "soon"},
            System.out,
            errors);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("render: ").contains("usage:");
    assertThat(dir.resolve("s")).doesNotExist();
  }

  private CompletableFuture<Integer> start(Path state, Duration idle) {
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> server =
        CompletableFuture.supplyAsync(() -> RenderServer.serve(state, idle, 1, log));
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(state) || server.isDone());
    assertThat(server).isNotDone();
    return server;
  }

  private Path list(String... names) throws IOException {
    Path list = Files.createTempFile(dir, "list", ".tsv");
    StringBuilder lines = new StringBuilder();
    for (String name : names) {
      lines.append(Corpus.committed().resolve(name)).append("\t0\t0\n");
    }
    return Files.writeString(list, lines);
  }

  private static List<String> request(String port, String line) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
      Writer writer =
          new java.io.OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
      writer.write(line + "\n");
      writer.flush();
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      return reader.lines().toList();
    }
  }
}
