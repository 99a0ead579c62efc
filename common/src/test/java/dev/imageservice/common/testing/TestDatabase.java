package dev.imageservice.common.testing;

import dev.imageservice.common.db.JdbiFactory;
import dev.imageservice.localinfra.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL (embedded) with the service's migrations applied, shared by the tests of this
 * JVM: started on first use, stopped when the JVM exits.
 */
public final class TestDatabase {

  private static Jdbi jdbi;

  private TestDatabase() {}

  public static synchronized Jdbi jdbi() {
    if (jdbi == null) {
      EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(server.jdbcUrl());
      dataSource.setPassword(server.password());
      Flyway.configure().dataSource(dataSource).load().migrate();
      jdbi = JdbiFactory.create(dataSource);
    }
    return jdbi;
  }

  /** Empties every table the jobs and the outbox use. */
  public static void clear() {
    jdbi().useHandle(h -> h.execute("truncate jobs, thumbnails, outbox cascade"));
  }

  /** Outbox rows written so far, published or not. */
  public static long outboxRows() {
    return jdbi()
        .withHandle(h -> h.createQuery("select count(*) from outbox").mapTo(Long.class).one());
  }
}
