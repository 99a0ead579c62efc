package dev.imageservice.deploy.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command inside an unpacked image the way a container runtime would, without one: {@code
 * unshare} gives it its own user (the image's uid and gid mapped), mount, PID and network
 * namespaces (only a loopback, so nothing leaves the machine), a fresh {@code /proc}, and the
 * image's root file system as {@code /}. Stateless.
 */
final class IsolatedRun {

  private IsolatedRun() {}

  /**
   * The result of a run.
   *
   * @param exitCode the exit code, or -1 when it was still running at the deadline (then killed)
   * @param output stdout and stderr, interleaved
   */
  record Result(int exitCode, String output) {}

  /**
   * Runs {@code command} in {@code image} as the image's user, with the image's environment plus
   * {@code extraEnv}, for at most {@code timeout}.
   */
  static Result run(ImageTar image, List<String> command, List<String> extraEnv, Duration timeout)
      throws IOException, InterruptedException {
    String[] user = image.user().split(":");
    List<String> argv =
        new ArrayList<>(
            List.of(
                "/usr/bin/unshare",
                "--user",
                "--map-user=" + user[0],
                "--map-group=" + (user.length > 1 ? user[1] : user[0]),
                "--mount",
                "--pid",
                "--net",
                "--fork",
                "--kill-child",
                "--mount-proc",
                "--root=" + image.rootfs(),
                "--wd=/"));
    argv.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().clear();
    for (String entry : concat(image.env(), extraEnv)) {
      int eq = entry.indexOf('=');
      builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    Path log = Files.createTempFile("isolated-run", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(exited ? process.exitValue() : -1, output);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
