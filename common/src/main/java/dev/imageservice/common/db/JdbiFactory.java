package dev.imageservice.common.db;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * Builds the one {@link Jdbi} both services use, with PostgreSQL types (uuid, arrays) installed.
 */
public final class JdbiFactory {

  private JdbiFactory() {}

  public static Jdbi create(DataSource dataSource) {
    return Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
  }
}
