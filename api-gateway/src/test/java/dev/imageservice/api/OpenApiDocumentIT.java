package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** With springdoc switched on (as the local launcher does), the document describes the contract. */
@TestPropertySource(
    properties = {"springdoc.api-docs.enabled=true", "springdoc.swagger-ui.enabled=true"})
class OpenApiDocumentIT extends ApiIntegrationTest {

  @Test
  void openApiDocumentDescribesTheContract() {
    HttpResponse<String> response = api().get("/v3/api-docs", null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode paths = json(response).get("paths");
    assertThat(paths.has("/v1/images")).isTrue();
    assertThat(paths.at("/~1v1~1images/post/responses").has("202")).isTrue();
    assertThat(paths.has("/v1/jobs/{jobId}")).isTrue();
    assertThat(paths.has("/v1/jobs/{jobId}/thumbnails/{preset}")).isTrue();
    assertThat(api().get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
  }

  @Test
  void openApiDocumentsTheAdminOperationsAndTheirKey() {
    JsonNode doc = json(api().get("/v3/api-docs", null));

    assertThat(doc.at("/paths/~1admin~1jobs~1{jobId}~1retry/post/responses").has("409")).isTrue();
    assertThat(doc.at("/paths/~1admin~1dead-letters~1redrive/post").isMissingNode()).isFalse();
    assertThat(doc.at("/components/securitySchemes").has("adminKey")).isTrue();
  }
}
