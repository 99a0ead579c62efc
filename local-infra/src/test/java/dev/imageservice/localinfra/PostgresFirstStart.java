package dev.imageservice.localinfra;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/**
 * {@link EmbeddedPostgresServerTest}'s child process: starts the embedded PostgreSQL with its
 * binaries in the folder given, asks it {@code select 1}, prints the answer and stops it. A process
 * of its own, because zonky remembers the binaries it prepared for the rest of the JVM's life.
 */
final class PostgresFirstStart {

  private PostgresFirstStart() {}

  public static void main(String[] args) throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), null, 0);
        Connection c =
            DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
        ResultSet r = c.createStatement().executeQuery("select 1")) {
      r.next();
      System.out.println("answer=" + r.getInt(1));
    }
  }
}
