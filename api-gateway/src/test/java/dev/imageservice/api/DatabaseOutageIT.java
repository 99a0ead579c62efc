package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PostgreSQL unreachable: every request gets 503 with Retry-After and readiness turns DOWN. */
class DatabaseOutageIT extends OutageTestContext {

  @Test
  void whilePostgresIsDownRequestsGet503AndReadinessIsDownUntilItIsBack() {
    byte[] image = ApiIntegrationTest.read(corpus("S02_orientation_1.jpg"));
    String jobId = json(upload(image)).get("jobId").asString();
    int refused = 0;
    POSTGRES.cutOff();
    try {
      assertUnavailable(upload(image));
      assertUnavailable(api().get("/v1/jobs/" + jobId, KEY));
      refused += 2;
      await("readiness turns DOWN")
          .atMost(Duration.ofSeconds(15))
          .until(() -> readinessStatus() == 503);
    } finally {
      POSTGRES.restore();
    }
    await("readiness is UP again")
        .atMost(Duration.ofSeconds(15))
        .until(() -> readinessStatus() == 200);
    await("uploads are accepted again")
        .atMost(Duration.ofSeconds(15))
        .until(() -> upload(image).statusCode() == 202);
    System.out.printf(
        "FAULT postgres-outage: accepted=0 published=0 duplicates=0 refused503=%d%n", refused);
  }
}
