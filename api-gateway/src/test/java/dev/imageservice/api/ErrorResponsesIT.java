package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What a client learns from a failure: the problem's type and code, never the internals. */
class ErrorResponsesIT extends ApiIntegrationTest {

  @Test
  void anUnexpectedFailureAnswers500WithoutStackTraceHostOrSql() {
    HttpResponse<String> response = api().get(FailingEndpoint.PATH, KEY_A);

    assertProblem(response, 500, "internal_error");
    assertThat(response.body())
        .doesNotContain("IllegalStateException")
        .doesNotContain("db-1.internal");
  }

  @Test
  void anUnknownRouteIsAProblemToo() {
    assertProblem(api().get("/v1/no-such-route", KEY_A), 404, "not_found");
  }
}
