package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.localinfra.LocalInfrastructure;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Retries of one upload with one Idempotency-Key, all at once, make one job. */
class IdempotencyIT extends ApiIntegrationTest {

  private static final int RETRIES = 8;

  @Autowired Jdbi jdbi;

  @Test
  void concurrentRetriesWithOneKeyCreateExactlyOneJobAndKeepOneOriginal() throws Exception {
    String key = "race-" + UUID.randomUUID();
    byte[] image = read(corpus("S02_orientation_1.jpg"));
    Set<String> originalsBefore = originalsOf("tenantA/");
    Callable<HttpResponse<String>> upload =
        () ->
            api()
                .send(
                    api()
                        .request("/v1/images", KEY_A)
                        .header("Content-Type", "image/jpeg")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(image)));

    List<HttpResponse<String>> responses;
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<HttpResponse<String>>> futures =
          clients.invokeAll(IntStream.range(0, RETRIES).mapToObj(i -> upload).toList());
      responses = futures.stream().map(IdempotencyIT::get).toList();
    }

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 202));
    assertThat(responses).filteredOn(r -> r.statusCode() == 202).hasSize(1);
    Set<String> jobIds = new HashSet<>();
    responses.forEach(r -> jobIds.add(json(r).get("jobId").asString()));
    assertThat(jobIds).hasSize(1);
    UUID jobId = UUID.fromString(jobIds.iterator().next());
    assertThat(
            count(
                "select count(*) from jobs where tenant_id = 'tenantA' and idempotency_key = ?",
                key))
        .isEqualTo(1);
    assertThat(count("select count(*) from outbox where job_id = ?", jobId)).isEqualTo(1);
    // Racing losers stored an original before they lost; each deleted its own.
    Set<String> newOriginals = originalsOf("tenantA/");
    newOriginals.removeAll(originalsBefore);
    assertThat(newOriginals).containsExactly("tenantA/" + jobId + "/original");
    System.out.printf(
        "RACE idempotency: requests=%d created=1 replayed=%d jobs=1%n", RETRIES, RETRIES - 1);
  }

  private long count(String sql, Object argument) {
    return jdbi.withHandle(h -> h.createQuery(sql).bind(0, argument).mapTo(Long.class).one());
  }

  private static Set<String> originalsOf(String prefix) {
    try (S3Client s3 =
        LocalInfrastructure.client(
            S3Client.builder().forcePathStyle(true),
            EmbeddedInfrastructure.get().endpoints().s3())) {
      Set<String> keys = new HashSet<>();
      s3
          .listObjectsV2Paginator(r -> r.bucket(LocalInfrastructure.IMAGES_BUCKET).prefix(prefix))
          .contents()
          .stream()
          .map(S3Object::key)
          .forEach(keys::add);
      return keys;
    }
  }

  private static HttpResponse<String> get(Future<HttpResponse<String>> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
