package dev.imageservice.localinfra.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Behaviour of {@link LocalSnsServer} beyond the contract that fauxqs shares: failures that must
 * reach the publisher, and SNS features it refuses rather than silently ignoring.
 */
class LocalSnsServerTest {

  private static SQSRestServer elasticMq;
  private static SqsClient sqs;
  private static LocalSnsServer server;
  private static SnsClient sns;

  @BeforeAll
  static void start() {
    elasticMq = AwsClients.startElasticMq();
    sqs = AwsClients.sqs(AwsClients.endpointOf(elasticMq));
    server = LocalSnsServer.start("127.0.0.1", 0, sqs, "eu-west-1", "123456789012");
    sns = AwsClients.sns(server.endpoint());
  }

  @AfterAll
  static void stop() {
    try (SnsClient s = sns;
        LocalSnsServer l = server;
        SqsClient q = sqs) {
      // closed by try-with-resources
    } finally {
      if (elasticMq != null) {
        elasticMq.stopAndWait();
      }
    }
  }

  @Test
  void aBatchEntrySnsWouldRefuseFailsAloneAndTheOthersArePublished() {
    String topicArn = sns.createTopic(r -> r.name("batch-entries")).topicArn();

    var response =
        sns.publishBatch(
            r ->
                r.topicArn(topicArn)
                    .publishBatchRequestEntries(
                        e -> e.id("good").message("fine"), e -> e.id("empty").message("")));

    assertThat(response.successful()).extracting(s -> s.id()).containsExactly("good");
    assertThat(response.failed()).hasSize(1);
    assertThat(response.failed().getFirst().id()).isEqualTo("empty");
    assertThat(response.failed().getFirst().code()).isEqualTo("InvalidParameter");
    assertThat(response.failed().getFirst().senderFault()).isTrue();
  }

  @Test
  void topicArnIsBuiltFromRegionAccountAndName() {
    assertThat(sns.createTopic(r -> r.name("image-events")).topicArn())
        .isEqualTo("arn:aws:sns:eu-west-1:123456789012:image-events");
  }

  @Test
  void aDeliveryThatSqsRefusesFailsThePublishSoThePublisherRetries() {
    String topicArn = sns.createTopic(r -> r.name("undeliverable")).topicArn();
    sns.subscribe(
        r ->
            r.topicArn(topicArn)
                .protocol("sqs")
                .endpoint("arn:aws:sqs:eu-west-1:123456789012:no-such-queue"));

    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topicArn).message("must not vanish")))
        .isInstanceOfSatisfying(
            InternalErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.getMessage()).contains("no-such-queue");
            });
  }

  @Test
  void filterPolicyFormsBeyondExactStringsAreRejectedRatherThanIgnored() {
    String topicArn = sns.createTopic(r -> r.name("filtered")).topicArn();
    String queueArn = "arn:aws:sqs:eu-west-1:123456789012:" + queueNamed("filtered-queue");

    assertThatThrownBy(
            () ->
                sns.subscribe(
                    r ->
                        r.topicArn(topicArn)
                            .protocol("sqs")
                            .endpoint(queueArn)
                            .attributes(
                                Map.of("FilterPolicy", "{\"size\":[{\"numeric\":[\">\",5]}]}"))))
        .isInstanceOfSatisfying(
            InvalidParameterException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
  }

  @Test
  void protocolsOtherThanSqsAreRejected() {
    String topicArn = sns.createTopic(r -> r.name("https-only")).topicArn();

    assertThatThrownBy(
            () ->
                sns.subscribe(
                    r -> r.topicArn(topicArn).protocol("https").endpoint("https://example.org")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void topicAttributesReportTheArnAndConfirmedSubscriptions() {
    String topicArn = sns.createTopic(r -> r.name("counted")).topicArn();
    sns.subscribe(
        r ->
            r.topicArn(topicArn)
                .protocol("sqs")
                .endpoint("arn:aws:sqs:eu-west-1:123456789012:" + queueNamed("counted-queue")));

    Map<String, String> attributes = sns.getTopicAttributes(r -> r.topicArn(topicArn)).attributes();

    assertThat(attributes)
        .containsEntry("TopicArn", topicArn)
        .containsEntry("SubscriptionsConfirmed", "1")
        .containsEntry("Owner", "123456789012");
  }

  @Test
  void unknownActionsAnswerAnSnsError() {
    assertThatThrownBy(() -> sns.getSubscriptionAttributes(r -> r.subscriptionArn("arn:x")))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
            });
  }

  @Test
  void concurrentPublishesAreAllDelivered() throws Exception {
    String topicArn = sns.createTopic(r -> r.name("busy")).topicArn();
    String queueUrl = sqs.createQueue(r -> r.queueName("busy-queue")).queueUrl();
    sns.subscribe(
        r ->
            r.topicArn(topicArn)
                .protocol("sqs")
                .endpoint("arn:aws:sqs:eu-west-1:123456789012:busy-queue")
                .attributes(Map.of("RawMessageDelivery", "true")));

    try (ExecutorService publishers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 40; i++) {
        String body = "message-" + i;
        publishers.submit(() -> sns.publish(r -> r.topicArn(topicArn).message(body)));
      }
    }

    Set<String> received = ConcurrentHashMap.newKeySet();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10))
                  .messages()
                  .forEach(m -> received.add(m.body()));
              return received.size() == 40;
            });
    assertThat(received).contains("message-0", "message-39");
  }

  private static String queueNamed(String name) {
    sqs.createQueue(r -> r.queueName(name));
    return name;
  }
}
