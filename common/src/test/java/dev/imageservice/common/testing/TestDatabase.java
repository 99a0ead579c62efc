package dev.imageservice.common.testing;

import dev.imageservice.common.db.JdbiFactory;
import dev.imageservice.localinfra.EmbeddedPostgresServer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL (embedded) with the service's migrations applied, shared by the tests of this
 * JVM: started on first use, stopped when the JVM exits.
 */
public final class TestDatabase {

  private static Jdbi jdbi;
  private static DataSource dataSource;

  private TestDatabase() {}

  public static synchronized Jdbi jdbi() {
    if (jdbi == null) {
      EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(server.jdbcUrl());
      pg.setPassword(server.password());
      Flyway.configure().dataSource(pg).load().migrate();
      dataSource = pg;
      jdbi = JdbiFactory.create(pg);
    }
    return jdbi;
  }

  /** The database under {@link #jdbi()}, for a test that needs a Jdbi configured its own way. */
  public static synchronized DataSource dataSource() {
    jdbi();
    return dataSource;
  }

  /** Empties every table the jobs and the outbox use. */
  public static void clear() {
    // cascade: tables that reference jobs (job_telemetry, and those later migrations add) go too.
    jdbi().useHandle(h -> h.execute("truncate jobs, thumbnails, outbox cascade"));
  }

  /** Outbox rows written so far, published or not. */
  public static long outboxRows() {
    return jdbi()
        .withHandle(h -> h.createQuery("select count(*) from outbox").mapTo(Long.class).one());
  }
}
