package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.job.Claim;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/jobs}: a tenant's jobs, newest first, in cursor pages, optionally by status. */
class JobListIT extends ApiIntegrationTest {

  @Autowired Jdbi jdbi;
  @Autowired JobLifecycle lifecycle;

  @Test
  void cursorPagesWalkEveryJobNewestFirstAndTheStatusFilterSelects() {
    // tenantE is used by this test only, so its list is exactly what it uploaded.
    List<String> uploaded = new ArrayList<>();
    for (String file :
        List.of("S02_orientation_1.jpg", "S03_orientation_2.jpg", "S04_orientation_3.jpg")) {
      uploaded.add(
          json(api().uploadFile(corpus(file), "image/jpeg", KEY_E)).get("jobId").asString());
    }
    UUID failed = UUID.fromString(uploaded.get(1));
    Claim claim = lifecycle.claim(failed, Duration.ofMinutes(1)).orElseThrow();
    lifecycle.fail(claim, new JobError("corrupt_image", "test"));

    JsonNode first = json(api().get("/v1/jobs?limit=2", KEY_E));
    JsonNode second =
        json(api().get("/v1/jobs?limit=2&cursor=" + first.get("nextCursor").asString(), KEY_E));

    assertThat(ids(first)).hasSize(2);
    assertThat(ids(second)).hasSize(1);
    assertThat(second.has("nextCursor")).isFalse();
    List<String> walked = new ArrayList<>(ids(first));
    walked.addAll(ids(second));
    assertThat(walked).containsExactlyElementsOf(uploaded.reversed());

    JsonNode onlyFailed = json(api().get("/v1/jobs?status=FAILED", KEY_E));
    assertThat(ids(onlyFailed)).containsExactly(failed.toString());
    assertThat(onlyFailed.at("/jobs/0/error/code").asString()).isEqualTo("corrupt_image");
    assertThat(ids(json(api().get("/v1/jobs?status=QUEUED", KEY_E))))
        .containsExactly(uploaded.get(2), uploaded.get(0));
    assertThat(ids(json(api().get("/v1/jobs", KEY_B)))).doesNotContainAnyElementsOf(uploaded);
  }

  @Test
  void aForgedCursorOrAnOutOfRangeLimitIsABadRequest() {
    assertProblem(api().get("/v1/jobs?cursor=not-a-cursor", KEY_E), 400, "malformed_request");
    assertProblem(api().get("/v1/jobs?limit=0", KEY_E), 400, "malformed_request");
    assertProblem(api().get("/v1/jobs?limit=101", KEY_E), 400, "malformed_request");
    assertProblem(api().get("/v1/jobs?status=DONE", KEY_E), 400, "malformed_request");
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("jobs").forEach(job -> ids.add(job.get("jobId").asString()));
    return ids;
  }
}
