package dev.imageservice.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A benchmark's child processes do not outlive it: closed, they stop; and a benchmark JVM that
 * exits without closing them (a plain {@code kill}) stops them on its way out.
 */
class ChildProcessesTest {

  @Test
  void closingStopsTheProcessesItStarted() throws Exception {
    Process sleeper;
    try (ChildProcesses children = ChildProcesses.stoppedAtExit()) {
      sleeper = children.start(new ProcessBuilder("sleep", "600"));
      assertThat(children.processes()).containsExactly(sleeper);
    }
    assertThat(sleeper.isAlive()).isFalse();
  }

  @Test
  void aJvmThatExitsWithoutClosingThemStopsThemToo() throws Exception {
    Process parent =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                ExitsWithAChildRunning.class.getName())
            .redirectErrorStream(true)
            .start();
    long child;
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      child = Long.parseLong(output.readLine().strip());
      assertThat(ProcessHandle.of(child)).isPresent();
      parent.getOutputStream().close(); // the parent exits now, its child still running
      assertThat(parent.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
            alive -> !alive);
  }

  /** The test's parent process: starts a child, prints its pid, exits once stdin closes. */
  static final class ExitsWithAChildRunning {

    public static void main(String[] args) throws IOException {
      ChildProcesses children = ChildProcesses.stoppedAtExit();
      Process sleeper = children.start(new ProcessBuilder("sleep", "600"));
      System.out.println(sleeper.pid());
      System.out.flush();
      System.in.readAllBytes();
      System.exit(0);
    }
  }
}
