package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The outbox relay through an SNS outage and a relay restart: late, never lost. */
class SnsOutageIT extends OutageTestContext {

  private static final int UPLOADS = 5;

  @Autowired OutboxRelay relay;
  @Autowired OutboxRepository outbox;
  @Autowired MeterRegistry meters;

  @Test
  void uploadsDuringAnSnsOutageAreAcceptedAndEveryEventArrivesOnceSnsIsBack() {
    byte[] image = ApiIntegrationTest.read(corpus("S02_orientation_1.jpg"));
    Set<String> jobIds = new HashSet<>();
    double failuresBefore = publishFailures();
    SNS.cutOff();
    try {
      for (int i = 0; i < UPLOADS; i++) {
        HttpResponse<String> response = upload(image);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        jobIds.add(json(response).get("jobId").asString());
      }
      await("the relay tried and failed")
          .atMost(Duration.ofSeconds(20))
          .until(() -> publishFailures() > failuresBefore);
      await("the backlog gauge shows the waiting events")
          .atMost(Duration.ofSeconds(10))
          .until(() -> backlogGauge() >= UPLOADS);
      assertThat(backlog()).isGreaterThanOrEqualTo(UPLOADS);
      // The process dies with its events unpublished; only the outbox rows remain.
      relay.close();
    } finally {
      SNS.restore();
    }
    relay.start();

    Map<String, Integer> deliveries = new HashMap<>();
    await("every event arrives")
        .atMost(Duration.ofSeconds(60))
        .until(() -> drainInto(deliveries, jobIds) && deliveries.keySet().containsAll(jobIds));
    await().atMost(Duration.ofSeconds(10)).until(() -> backlog() == 0);
    drainInto(deliveries, jobIds); // late duplicates, if any, would show up here

    int published = deliveries.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(
        "FAULT sns-outage: accepted=%d published=%d duplicates=%d publishFailures=%.0f%n",
        jobIds.size(), published, published - jobIds.size(), publishFailures() - failuresBefore);
    assertThat(deliveries).containsOnlyKeys(jobIds);
    assertThat(deliveries.values())
        .allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(1));
  }

  /** Receives from the workers' queue, counting and deleting this test's events; always true. */
  private static boolean drainInto(Map<String, Integer> deliveries, Set<String> jobIds) {
    SqsClient sqs = EmbeddedInfrastructure.get().sqs();
    String queue = sqs.getQueueUrl(r -> r.queueName("thumbnail-requests")).queueUrl();
    sqs.receiveMessage(
            r ->
                r.queueUrl(queue)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(1)
                    .messageAttributeNames("All"))
        .messages()
        .forEach(
            m -> {
              String jobId = m.messageAttributes().get("jobId").stringValue();
              if (jobIds.contains(jobId)) {
                deliveries.merge(jobId, 1, Integer::sum);
                sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
              }
            });
    return true;
  }

  private long backlog() {
    return jdbi.withHandle(outbox::backlog);
  }

  private double backlogGauge() {
    return meters.get("image_service.outbox.backlog").gauge().value();
  }

  private double publishFailures() {
    return meters.get("image_service.outbox.publish.failures").counter().count();
  }
}
