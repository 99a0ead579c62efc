package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tenant presets through the real API: CRUD, versions, limits, and uploads naming them. */
class PresetApiIT extends ApiIntegrationTest {

  private HttpResponse<String> put(String name, String body, String key) {
    return api()
        .send(
            api()
                .request("/v1/presets/" + name, key)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> delete(String name, String key) {
    return api().send(api().request("/v1/presets/" + name, key).DELETE());
  }

  private JsonNode preset(String name, String key) {
    HttpResponse<String> response = api().get("/v1/presets/" + name, key);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ApiClient.json(response);
  }

  @Test
  void aNewNameIsCreatedThenReplacedWithItsVersionIncremented() {
    HttpResponse<String> created =
        put(
            "hero-banner",
            """
            {"width": 800, "height": 200, "fit": "smart", "format": "png", "quality": 70}""",
            KEY_D);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = ApiClient.json(created);
    assertThat(body.get("fit").asString()).isEqualTo("smart");
    assertThat(body.get("format").asString()).isEqualTo("png");
    assertThat(body.get("quality").asInt()).isEqualTo(70);
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(body.get("source").asString()).isEqualTo("tenant");

    HttpResponse<String> replaced =
        put("hero-banner", "{\"width\": 400, \"height\": 100, \"fit\": \"cover\"}", KEY_D);
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    JsonNode now = preset("hero-banner", KEY_D);
    assertThat(now.get("width").asInt()).isEqualTo(400);
    assertThat(now.get("format").asString()).isEqualTo("auto");
    assertThat(now.get("quality").asInt()).isEqualTo(85);
    assertThat(now.get("version").asInt()).isEqualTo(2);

    // Another tenant does not see it.
    assertProblem(api().get("/v1/presets/hero-banner", KEY_C), 404, "not_found");
    assertThat(delete("hero-banner", KEY_D).statusCode()).isEqualTo(204);
    assertProblem(api().get("/v1/presets/hero-banner", KEY_D), 404, "not_found");
    assertProblem(delete("hero-banner", KEY_D), 404, "not_found");
  }

  @Test
  void deletingAnOverrideRestoresTheDefaultAtANewerVersion() {
    assertThat(preset("square", KEY_B).get("source").asString()).isEqualTo("default");
    assertThat(preset("square", KEY_B).get("version").asInt()).isEqualTo(1);

    HttpResponse<String> overridden =
        put("square", "{\"width\": 128, \"height\": 128, \"fit\": \"smart\"}", KEY_B);
    assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(200);
    assertThat(preset("square", KEY_B).get("source").asString()).isEqualTo("override");
    assertThat(preset("square", KEY_B).get("version").asInt()).isEqualTo(2);
    JsonNode listed = ApiClient.json(api().get("/v1/presets", KEY_B));
    assertThat(
            listed
                .valueStream()
                .map(p -> p.get("name").asString() + ":" + p.get("source").asString()))
        .contains("small:default", "medium:default", "square:override");

    assertThat(delete("square", KEY_B).statusCode()).isEqualTo(204);
    JsonNode restored = preset("square", KEY_B);
    assertThat(restored.get("source").asString()).isEqualTo("default");
    assertThat(restored.get("width").asInt()).isEqualTo(256);
    assertThat(restored.get("fit").asString()).isEqualTo("cover");
    assertThat(restored.get("version").asInt()).isEqualTo(3);
    // The default itself cannot be deleted: there is nothing of the tenant's to remove.
    assertProblem(delete("square", KEY_B), 404, "not_found");
  }

  @Test
  void badDefinitionsAreRefusedWithTheFieldAndRange() {
    assertBad(put("Hero", "{\"width\": 10, \"height\": 10}", KEY_D), "[a-z0-9_-]{1,32}");
    assertBad(put("x".repeat(33), "{\"width\": 10, \"height\": 10}", KEY_D), "[a-z0-9_-]{1,32}");
    assertBad(put("big", "{\"width\": 5000, \"height\": 10}", KEY_D), "from 1 to 4096");
    assertBad(put("big", "{\"height\": 10}", KEY_D), "width and height are required");
    assertBad(put("q", "{\"width\": 10, \"height\": 10, \"quality\": 101}", KEY_D), "1 to 100");
    assertBad(put("q", "{\"width\": 10, \"height\": 10, \"fit\": \"fill\"}", KEY_D), "contain");
    assertBad(put("q", "{\"width\": 10, \"height\": 10, \"format\": \"bmp\"}", KEY_D), "jpeg");
    assertBad(put("q", "{not json", KEY_D), "");
  }

  @Test
  void aTenantMayDefineTwentyPresetsNotMore() {
    for (int i = 0; i < 20; i++) {
      assertThat(put("p" + i, "{\"width\": 32, \"height\": 32}", KEY_A).statusCode())
          .isEqualTo(201);
    }
    assertBad(put("p20", "{\"width\": 32, \"height\": 32}", KEY_A), "at most 20 presets");
    // Replacing one of the twenty is not a twenty-first.
    assertThat(put("p3", "{\"width\": 16, \"height\": 16}", KEY_A).statusCode()).isEqualTo(200);
    for (int i = 0; i < 20; i++) {
      assertThat(delete("p" + i, KEY_A).statusCode()).isEqualTo(204);
    }
  }

  @Test
  void anUploadNamesAnyOfTheTenantsPresetsAndNoOtherTenants() {
    assertThat(put("thumb-c", "{\"width\": 48, \"height\": 48}", KEY_C).statusCode())
        .isEqualTo(201);
    HttpResponse<String> mine =
        api()
            .send(
                api()
                    .request("/v1/images?presets=thumb-c,small", KEY_C)
                    .header("Content-Type", "image/jpeg")
                    .POST(ofFile(ApiClient.corpus("S02_orientation_1.jpg"))));
    assertThat(mine.statusCode()).as(mine.body()).isEqualTo(202);

    HttpResponse<String> theirs =
        api()
            .send(
                api()
                    .request("/v1/images?presets=thumb-c", KEY_B)
                    .header("Content-Type", "image/jpeg")
                    .POST(ofFile(ApiClient.corpus("S02_orientation_1.jpg"))));
    assertBad(theirs, "Unknown preset(s) [thumb-c]");
    assertThat(delete("thumb-c", KEY_C).statusCode()).isEqualTo(204);
  }

  private static HttpRequest.BodyPublisher ofFile(java.nio.file.Path file) {
    try {
      return HttpRequest.BodyPublishers.ofFile(file);
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertBad(HttpResponse<String> response, String detailPart) {
    assertProblem(response, 400, "malformed_request");
    assertThat(ApiClient.json(response).get("detail").asString()).contains(detailPart);
  }
}
