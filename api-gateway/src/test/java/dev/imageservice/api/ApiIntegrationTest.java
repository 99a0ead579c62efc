package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The API on the shared embedded infrastructure, with three tenants and an admin key. Every test
 * class extending it runs in the same (cached) application context. (Component scanning also finds
 * the test-only {@link FailingEndpoint}.)
 */
@SpringBootTest(
    classes = ApiGatewayApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=api-gateway",
      "image-service.auth.keys=tenantA:"
          + ApiIntegrationTest.KEY_A
          + ",tenantB:"
          + ApiIntegrationTest.KEY_B
          + ",tenantC:"
          + ApiIntegrationTest.KEY_C
          + ",tenantD:"
          + ApiIntegrationTest.KEY_D
          + ",tenantE:"
          + ApiIntegrationTest.KEY_E,
      "image-service.admin.keys=" + ApiIntegrationTest.ADMIN_KEY,
      "image-service.upload.max-size=2MB",
      "management.server.port=0",
      // Contexts share one webhook queue and database: only the webhook tests' context delivers.
      "image-service.webhooks.enabled=false",
      "image-service.upload.spool-directory=" + ApiIntegrationTest.SPOOL,
      "server.tomcat.basedir=" + ApiIntegrationTest.TOMCAT_DIR
    })
abstract class ApiIntegrationTest {

  /** Where uploads spool, and the container's work folder: a test watches both. */
  static final String SPOOL = "target/it-spool";

  static final String TOMCAT_DIR = "target/it-tomcat";

  static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  static final String KEY_A = "tenant-a-key-for-tests-0123456789";
  static final String KEY_B = "tenant-b-key-for-tests-0123456789";
  static final String KEY_C = "tenant-c-key-for-tests-0123456789";
  static final String KEY_D = "tenant-d-key-for-tests-0123456789";

  /** Only {@code JobListIT} uploads with this key, so its tenant's list is exactly its jobs. */
  static final String KEY_E = "tenant-e-key-for-tests-0123456789";

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    EmbeddedInfrastructure.register(registry);
  }

  ApiClient api() {
    return new ApiClient(port);
  }

  /** The management port: actuator, never routed from the internet. */
  ApiClient management() {
    return new ApiClient(managementPort);
  }

  static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode problem = ApiClient.json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("code").asString()).isEqualTo(code);
    assertThat(problem.get("type").asString()).startsWith("https://image-service.dev/problems/");
    assertNoInternals(response);
  }

  /** A problem body names no exception, stack frame, host or SQL: internals go to the log. */
  static void assertNoInternals(HttpResponse<String> response) {
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("127.0.0.1")
        .doesNotContainIgnoringCase("localhost")
        .doesNotContainIgnoringCase("select ")
        .doesNotContainIgnoringCase("jdbc:")
        .doesNotContain("dev.imageservice")
        .doesNotContain("software.amazon");
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
