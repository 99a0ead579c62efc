package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
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
      "image-service.auth.keys=tenantA:keyA,tenantB:keyB,tenantC:keyC",
      "image-service.admin.keys=" + ApiIntegrationTest.ADMIN_KEY,
      "image-service.upload.max-size=2MB"
    })
abstract class ApiIntegrationTest {

  static final String ADMIN_KEY = "admin-key-for-tests-0123456789";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    EmbeddedInfrastructure.register(registry);
  }

  ApiClient api() {
    return new ApiClient(port);
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
