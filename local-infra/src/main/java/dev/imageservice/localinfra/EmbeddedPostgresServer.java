package dev.imageservice.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server (zonky's embedded binaries) for the local run and the tests. With a data
 * directory the cluster survives restarts; without one it lives in a temporary folder, deleted on
 * {@link #close()}. Either way it can be stopped and started again on the same port with its data
 * (fault tests). Not thread-safe: start, stop and close from one thread.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private final Path binaries;
  private final Path dataDirectory;
  private final @Nullable Path temporaryRoot;
  private final int port;
  private @Nullable EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(
      Path binaries, Path dataDirectory, @Nullable Path temporaryRoot, int port) {
    this.binaries = binaries;
    this.dataDirectory = dataDirectory;
    this.temporaryRoot = temporaryRoot;
    this.postgres = launch(binaries, dataDirectory, port);
    this.port = postgres.getPort();
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
    if (dataDirectory != null) {
      return new EmbeddedPostgresServer(binaries, dataDirectory, null, port);
    }
    try {
      Path root = Files.createTempDirectory("embedded-postgres-");
      return new EmbeddedPostgresServer(binaries, root.resolve("data"), root, port);
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

  /** Starts the stopped server again on the same port with the same data. */
  public void restart() {
    if (postgres == null) {
      postgres = launch(binaries, dataDirectory, port);
    }
  }

  @Override
  public void close() {
    stop();
    if (temporaryRoot != null) {
      deleteRecursively(temporaryRoot);
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
