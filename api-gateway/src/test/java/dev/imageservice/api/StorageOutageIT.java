package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.common.resilience.DependencyGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * S3 unreachable: 503 with Retry-After, then an open circuit that answers at once, readiness down.
 */
class StorageOutageIT extends OutageTestContext {

  @Autowired
  @Qualifier(DependencyGuard.S3)
  DependencyGuard s3Guard;

  @Test
  void whileS3IsDownUploadsGet503TheCircuitOpensAndReadinessTurnsDownUntilItIsBack() {
    byte[] image = ApiIntegrationTest.read(corpus("S02_orientation_1.jpg"));
    AtomicInteger refused = new AtomicInteger();
    int fastRefusals;
    S3.cutOff();
    try {
      HttpResponse<String> first = upload(image);
      assertUnavailable(first);
      refused.incrementAndGet();

      await("the circuit opens")
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                assertUnavailable(upload(image));
                refused.incrementAndGet();
                return s3Guard.circuitBreaker().getState() == CircuitBreaker.State.OPEN;
              });
      int connectionsBefore = S3.connections();
      HttpResponse<String> whileOpen = upload(image);
      assertUnavailable(whileOpen);
      refused.incrementAndGet();
      assertThat(whileOpen.headers().firstValue("Retry-After")).hasValue("2");
      assertThat(S3.connections())
          .as("an open circuit does not call S3")
          .isEqualTo(connectionsBefore);
      fastRefusals = 1;

      await("readiness turns DOWN")
          .atMost(Duration.ofSeconds(10))
          .until(() -> readinessStatus() == 503);
    } finally {
      S3.restore();
    }
    await("readiness is UP again")
        .atMost(Duration.ofSeconds(15))
        .until(() -> readinessStatus() == 200);
    await("uploads are accepted again")
        .atMost(Duration.ofSeconds(15))
        .until(() -> upload(image).statusCode() == 202);
    System.out.printf(
        "FAULT s3-outage: accepted=0 published=0 duplicates=0 refused503=%d openCircuitRefusalsWithoutS3Call=%d%n",
        refused.get(), fastRefusals);
  }
}
