package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.localinfra.LocalEndpoints;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An API whose PostgreSQL, S3 and SNS are each reached through a {@link TcpProxy} that a test can
 * cut off and restore, with small resilience windows and a 2 s thumbnail link TTL. It has a
 * database of its own, so that no other test context's outbox relay publishes its events, and every
 * class extending it shares one application context. A test restores what it cut off.
 */
@SpringBootTest(
    classes = ApiGatewayApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=api-gateway",
      "image-service.auth.keys=outage:" + OutageTestContext.KEY,
      "image-service.storage.thumbnail-url-ttl=2s",
      "image-service.storage.health-timeout=1s",
      "image-service.resilience.max-attempts=2",
      "image-service.resilience.retry-wait=50ms",
      "image-service.resilience.sliding-window-size=4",
      "image-service.resilience.minimum-calls=4",
      "image-service.resilience.open-state-wait=2s",
      "image-service.resilience.half-open-calls=1",
      "image-service.metrics.outbox-backlog-interval=200ms",
      "spring.datasource.hikari.connection-timeout=1000",
      "spring.datasource.hikari.validation-timeout=500",
      "management.server.port=0"
    })
abstract class OutageTestContext {

  static final String KEY = "outage-tenant-key-0123456789abcdef";
  static final String DATABASE = "outage_tests";

  static final TcpProxy POSTGRES;
  static final TcpProxy S3;
  static final TcpProxy SNS;

  static {
    LocalEndpoints endpoints = EmbeddedInfrastructure.get().endpoints();
    createDatabase(endpoints);
    URI postgres = URI.create(endpoints.jdbcUrl().substring("jdbc:".length()));
    POSTGRES = TcpProxy.to(postgres.getHost(), postgres.getPort());
    S3 = TcpProxy.to(endpoints.s3());
    SNS = TcpProxy.to(endpoints.sns());
  }

  @LocalServerPort int port;
  @Autowired Jdbi jdbi;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    Map<String, String> properties =
        new java.util.LinkedHashMap<>(EmbeddedInfrastructure.get().endpoints().springProperties());
    properties.put(
        "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/" + DATABASE);
    properties.put("spring.cloud.aws.s3.endpoint", S3.endpoint().toString());
    properties.put("image-service.messaging.sns-endpoint", SNS.endpoint().toString());
    properties.forEach((key, value) -> registry.add(key, () -> value));
  }

  ApiClient api() {
    return new ApiClient(port);
  }

  HttpResponse<String> upload(byte[] image) {
    return api()
        .send(
            api()
                .request("/v1/images", KEY)
                .header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)));
  }

  int readinessStatus() {
    return api().get("/readyz", null).statusCode();
  }

  static void assertUnavailable(HttpResponse<String> response) {
    ApiIntegrationTest.assertProblem(response, 503, "service_unavailable");
    assertThat(response.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
  }

  private static void createDatabase(LocalEndpoints endpoints) {
    try (Connection connection =
            DriverManager.getConnection(
                endpoints.jdbcUrl(), endpoints.dbUsername(), endpoints.dbPassword());
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + DATABASE);
    } catch (SQLException e) {
      // 42P04: created by an earlier class of this JVM; the context is cached, so that is fine.
      if (!"42P04".equals(e.getSQLState())) {
        throw new IllegalStateException(e);
      }
    }
  }
}
