package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every status docs/api.md documents for a {@code /v1} operation is in the OpenAPI document the
 * service generates, and every error response there is a problem ({@code
 * application/problem+json}).
 */
@TestPropertySource(properties = "springdoc.api-docs.enabled=true")
class OpenApiResponsesIT extends ApiIntegrationTest {

  private static final List<String> EVERYWHERE = List.of("400", "401", "406", "429", "500", "503");

  // docs/api.md, per operation: its own statuses (the errors table adds EVERYWHERE to each).
  private static final Map<String, List<String>> DOCUMENTED =
      Map.ofEntries(
          Map.entry("/v1/images post", List.of("200", "202", "413", "415", "422")),
          Map.entry("/v1/jobs get", List.of("200")),
          Map.entry("/v1/jobs/{jobId} get", List.of("200", "404")),
          Map.entry("/v1/jobs/{jobId}/thumbnails/{preset} get", List.of("302", "404", "409")),
          Map.entry("/v1/jobs/{jobId} delete", List.of("202", "204", "404")),
          Map.entry("/v1/usage get", List.of("200")),
          Map.entry("/v1/presets get", List.of("200")),
          Map.entry("/v1/presets/{name} get", List.of("200", "404")),
          Map.entry("/v1/presets/{name} put", List.of("200", "201")),
          Map.entry("/v1/presets/{name} delete", List.of("204", "404")),
          Map.entry("/v1/presets/{name}/backfill post", List.of("202", "404")),
          Map.entry("/v1/backfills/{id} get", List.of("200", "404")),
          Map.entry("/v1/uploads post", List.of("200", "201", "413", "415")),
          Map.entry("/v1/uploads/{jobId}/complete post", List.of("202", "404", "409")));

  @Test
  void everyDocumentedStatusIsInTheDocumentAsAProblem() {
    JsonNode paths = json(api().get("/v3/api-docs", null)).get("paths");
    DOCUMENTED.forEach(
        (operation, own) -> {
          String[] parts = operation.split(" ");
          JsonNode responses = paths.get(parts[0]).get(parts[1]).get("responses");
          List<String> expected = new ArrayList<>(own);
          expected.addAll(EVERYWHERE);
          List<String> present = new ArrayList<>(responses.propertyNames());
          assertThat(present).as(operation).containsAll(expected);
          for (String status : present) {
            if (status.startsWith("4") || status.startsWith("5")) {
              assertThat(responses.get(status).at("/content").has("application/problem+json"))
                  .as(operation + " " + status + " is a problem")
                  .isTrue();
            }
          }
        });
  }
}
