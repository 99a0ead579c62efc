package dev.imageservice.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's two init containers against a real PostgreSQL, configured as the chart configures
 * Flyway: the API's migrates as the schema owner and creates the runtime role; the workers'
 * validation (their wait loop's condition) fails before that and passes after, as the runtime role;
 * the runtime role reads and writes rows but cannot change the schema.
 */
class MigrationRolesTest {

  private static final String RUNTIME_USER = "image_service_app";
  private static final String RUNTIME_PASSWORD = "Gen3ratedRuntimePassw0rdOnlyLettersDigits";

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  private static String url() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  private static String location(String folder) {
    return "filesystem:" + RenderedChart.chartDir().resolve("files").resolve(folder);
  }

  // The workers' migration-init: flyway validate as the runtime role, versioned migrations only.
  private static void workerValidate() {
    Flyway.configure()
        .dataSource(
            url().replaceAll("user=[^&]*", "user=" + RUNTIME_USER), RUNTIME_USER, RUNTIME_PASSWORD)
        .locations(location("migrations"))
        .ignoreMigrationPatterns("repeatable:missing")
        .load()
        .validate();
  }

  @Test
  void onlyTheMigrationRoleChangesTheSchemaAndWorkersWaitForIt() throws Exception {
    assertThatThrownBy(MigrationRolesTest::workerValidate)
        .as("before the API migrated, the workers keep waiting")
        .isInstanceOf(FlywayException.class);

    // The API's migration-init: migrate as the owner, then the role script with placeholders.
    Flyway.configure()
        .dataSource(postgres.getPostgresDatabase())
        .locations(location("migrations"), location("roles"))
        .placeholders(Map.of("runtimeUser", RUNTIME_USER, "runtimePassword", RUNTIME_PASSWORD))
        .load()
        .migrate();

    workerValidate();
    try (Connection runtime =
            DriverManager.getConnection(
                postgres
                    .getJdbcUrl("postgres", "postgres")
                    .replaceAll("user=[^&]*", "user=" + RUNTIME_USER),
                RUNTIME_USER,
                RUNTIME_PASSWORD);
        Statement sql = runtime.createStatement()) {
      try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM jobs")) {
        assertThat(rows.next()).isTrue();
      }
      assertThatThrownBy(() -> sql.execute("CREATE TABLE intruder (id int)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> sql.execute("ALTER TABLE jobs ADD COLUMN intruder int"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("owner");
      assertThatThrownBy(() -> sql.execute("DROP TABLE jobs"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("owner");
    }
  }
}
