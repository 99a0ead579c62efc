package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The protective headers on everything the public port answers (console files, API JSON, and the
 * 400, 401 and 404 problems), and what the public port does not serve: actuator, the OpenAPI
 * document and Swagger UI (off by default; actuator lives on the management port).
 */
class EdgeHeadersIT extends ApiIntegrationTest {

  @Test
  void consoleApiAndErrorResponsesCarryTheProtectiveHeaders() {
    Map<String, RawHttp.Response> responses =
        Map.of(
            "console page", get("/", null),
            "console script", get("/console.js", null),
            "API JSON", get("/v1/jobs", KEY_A),
            "401", get("/v1/jobs", null),
            "404", get("/v1/no-such-thing", KEY_A),
            "400 from the firewall", get("/v1;x/jobs", KEY_A),
            "400 from the API", get("/v1/jobs?limit=0", KEY_A));

    responses.forEach(
        (what, response) -> {
          assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
          assertThat(response.header("X-Frame-Options")).as(what).isEqualTo("DENY");
          assertThat(response.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
          assertThat(response.header("Cache-Control")).as(what).contains("no-store");
          assertThat(response.header("Content-Security-Policy"))
              .as(what)
              .contains("frame-ancestors 'none'");
          assertThat(response.header("Strict-Transport-Security")).as(what).isNull();
        });
    assertThat(responses.get("API JSON").status()).isEqualTo(200);
    assertThat(responses.get("401").status()).isEqualTo(401);
    assertThat(responses.get("404").status()).isEqualTo(404);
    assertThat(responses.get("400 from the firewall").status()).isEqualTo(400);
  }

  @Test
  void theConsolePolicyAllowsItsOwnScriptsAndTheThumbnailOriginOnly() {
    String policy = get("/", null).header("Content-Security-Policy");

    assertThat(policy)
        .contains("default-src 'none'")
        .contains("script-src 'self';")
        .contains("style-src 'self';")
        .contains("connect-src 'self'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    String s3 =
        EmbeddedInfrastructure.get()
            .endpoints()
            .springProperties()
            .get("spring.cloud.aws.s3.endpoint")
            .toString();
    assertThat(policy)
        .containsPattern(
            "img-src 'self' data: [^;]*" + java.util.regex.Pattern.quote(s3.replaceAll("/$", "")));
  }

  @Test
  void theConsoleHasNoInlineScriptStyleOrHandler() {
    String page = get("/", null).body();

    assertThat(page).containsPattern("<script src=\"console.js\"></script>");
    assertThat(
            page.replace("<script src=\"console.js\"></script>", "")
                .replace("<script src=\"thumbhash.js\"></script>", ""))
        .doesNotContain("<script");
    assertThat(page)
        .doesNotContain("<style")
        .doesNotContain(" style=")
        .doesNotContainPattern(" on[a-z]+=");
    assertThat(get("/console.js", null).body())
        .doesNotContain("sessionStorage")
        .doesNotContain("localStorage");
  }

  @Test
  void hstsIsSentWhenTheRequestCameOverHttps() {
    RawHttp.Response response =
        RawHttp.send(
            port,
            "GET",
            "/v1/jobs",
            Map.of("Authorization", "Bearer " + KEY_A, "X-Forwarded-Proto", "https"));

    assertThat(response.header("Strict-Transport-Security")).contains("max-age=31536000");
  }

  @Test
  void managementAndApiDocsAreNotOnThePublicPort() {
    for (String path :
        new String[] {
          "/actuator/prometheus",
          "/actuator/health",
          "/actuator",
          "/actuator/env",
          "/v3/api-docs",
          "/swagger-ui.html",
          "/swagger-ui/index.html"
        }) {
      for (String key : new String[] {null, KEY_A, ADMIN_KEY}) {
        RawHttp.Response response = get(path, key);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
      }
    }
    assertThat(management().get("/actuator/prometheus", null).body())
        .contains("image_service_outbox_backlog");
  }

  private RawHttp.Response get(String path, String key) {
    return RawHttp.send(
        port, "GET", path, key == null ? Map.of() : Map.of("Authorization", "Bearer " + key));
  }
}
