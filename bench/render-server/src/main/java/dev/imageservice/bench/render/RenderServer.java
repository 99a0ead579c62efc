package dev.imageservice.bench.render;

import dev.imageservice.worker.render.BatchRender;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.RenderWarmUp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One warm JVM for repeated {@code --harness} calls ({@code render-server.jar --serve STATEFILE}).
 *
 * <p>Why: a benchmark that times each call from outside (the shared harness's {@code EXT_CMD})
 * would otherwise time a JVM start and a cold JIT per list, not the renderer, which in production
 * runs inside a long-lived worker. {@code bench/render/ext-cmd.sh} starts the server on its first
 * call (so its start and warm-up are timed there) and sends it every later call.
 *
 * <p>It listens on a loopback port; the port, a random token and its pid go to an owner-only state
 * file, and a request without the token is refused. A request is one line, {@code
 * TOKEN<TAB>THREADS<TAB>CPUS<TAB>OUTDIR<TAB>LIST.tsv}; the server first applies the caller's CPU
 * affinity ({@code CPUS}, as in {@code /proc/self/status}) to all its threads, so that a call
 * pinned to one core renders on that core only, then answers with {@link BatchRender}'s lines and
 * {@code exit N} (the command's exit code). One request at a time; it exits after an idle period.
 */
final class RenderServer {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern CPU_LIST = Pattern.compile("[0-9][0-9,\\-]*");
  private static final Duration REQUEST_READ_TIMEOUT = Duration.ofSeconds(10);
  // More than the worker's start-up warm-up: the server starts once per benchmark, not per pod.
  static final int WARM_UP_PASSES = 5;

  private final RenderPipeline pipeline;
  private final String token;
  private final PrintStream log;
  private String pinned = ""; // the CPU list last applied; calls come one at a time

  RenderServer(RenderPipeline pipeline, String token, PrintStream log) {
    this.pipeline = pipeline;
    this.token = token;
    this.log = log;
  }

  /** Warms up, serves until {@code idle} passes without a request; returns the exit code. */
  static int serve(Path stateFile, Duration idle, int warmUpPasses, PrintStream log) {
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());
    Duration warmUp = RenderWarmUp.thorough(pipeline, warmUpPasses);
    byte[] secret = new byte[16];
    RANDOM.nextBytes(secret);
    RenderServer server = new RenderServer(pipeline, HexFormat.of().formatHex(secret), log);
    try (ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(Math.toIntExact(idle.toMillis()));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(stateFile)));
      writeState(stateFile, socket.getLocalPort(), server.token);
      log.printf(
          "render server: pid %d, port %d, warm-up %d ms, exits after %d s idle%n",
          ProcessHandle.current().pid(),
          socket.getLocalPort(),
          warmUp.toMillis(),
          idle.toSeconds());
      server.acceptUntilIdle(socket);
      log.println("render server: idle, exiting");
      return 0;
    } catch (IOException e) {
      log.println("render server: " + e);
      return 2;
    } finally {
      deleteQuietly(stateFile);
    }
  }

  void acceptUntilIdle(ServerSocket socket) throws IOException {
    while (true) {
      try (Socket client = socket.accept()) {
        handle(client);
      } catch (SocketTimeoutException idle) {
        return;
      } catch (IOException | UncheckedIOException e) {
        // One broken connection (the caller went away) must not end the server.
        log.println("render server: request failed: " + e);
      }
    }
  }

  private void handle(Socket client) throws IOException {
    client.setSoTimeout(Math.toIntExact(REQUEST_READ_TIMEOUT.toMillis()));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(client.getOutputStream(), false, StandardCharsets.UTF_8);
    String line = in.readLine();
    String[] fields = line == null ? new String[0] : line.split("\t", -1);
    if (fields.length != 5 || !sameToken(fields[0])) {
      out.println("render: refused (bad token or request)");
      out.println("exit 2");
      out.flush();
      return;
    }
    int code;
    try {
      int threads = Integer.parseInt(fields[1]);
      pin(fields[2]);
      BatchRender batch =
          HarnessCommand.harness(pipeline, threads, Path.of(fields[3]), Path.of(fields[4]));
      code = batch.run(out) ? 0 : 1;
    } catch (IllegalArgumentException e) {
      out.println("render: " + e.getMessage());
      code = 2;
    }
    out.println("exit " + code);
    out.flush();
  }

  private boolean sameToken(String offered) {
    return MessageDigest.isEqual(
        token.getBytes(StandardCharsets.US_ASCII), offered.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Gives every thread of this JVM (renderers, JIT and GC included) the caller's CPU list, with
   * util-linux {@code taskset}; threads started later inherit it. Without taskset it renders
   * unpinned and says so. The same list as the last call's is not applied again: a taskset process
   * per call cost about as much as rendering a small image.
   */
  private void pin(String cpus) {
    if (cpus.isEmpty() || cpus.equals(pinned)) {
      return; // every thread already has this list (started ones inherit it): no process to start
    }
    if (!CPU_LIST.matcher(cpus).matches()) {
      throw new IllegalArgumentException("bad CPU list " + cpus);
    }
    String pid = Long.toString(ProcessHandle.current().pid());
    try {
      Process taskset =
          new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, pid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (taskset.waitFor() != 0) {
        log.println("render server: taskset failed; rendering on the previous CPUs");
      } else {
        pinned = cpus;
      }
    } catch (IOException e) {
      log.println("render server: no taskset (" + e.getMessage() + "); rendering unpinned");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pinning", e);
    }
  }

  /** Written to a temporary owner-only file first, so a reader never sees half of it. */
  private static void writeState(Path stateFile, int port, String token) throws IOException {
    Path dir = stateFile.toAbsolutePath().getParent();
    if (dir == null) {
      throw new IOException("no directory for the state file " + stateFile);
    }
    Path temp =
        Files.createTempFile(
            dir,
            ".render-server-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, port + " " + token + " " + ProcessHandle.current().pid() + "\n");
    Files.move(temp, stateFile, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stale state file names a dead pid; the client checks the pid and starts a new server
    }
  }
}
