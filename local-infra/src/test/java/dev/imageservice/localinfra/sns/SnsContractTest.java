package dev.imageservice.localinfra.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SNS publish → SQS delivery behaviour our services rely on, run against two implementations
 * (our {@link LocalSnsServer} with ElasticMQ, and fauxqs) so that the local endpoint is held to an
 * independent one. Subclasses provide the clients; each test uses fresh topic and queue names.
 */
abstract class SnsContractTest {

  private static final Duration DELIVERY = Duration.ofSeconds(10);

  protected abstract SnsClient sns();

  protected abstract SqsClient sqs();

  @Test
  void createTopicIsIdempotentByName() {
    String name = unique("topic");

    String first = sns().createTopic(r -> r.name(name)).topicArn();
    String second = sns().createTopic(r -> r.name(name)).topicArn();

    assertThat(second).isEqualTo(first);
    assertThat(first).startsWith("arn:aws:sns:").endsWith(":" + name);
    assertThat(sns().listTopicsPaginator(r -> {}).topics())
        .extracting(t -> t.topicArn())
        .containsOnlyOnce(first);
  }

  @Test
  void rawDeliveryPassesBodyAndMessageAttributesThrough() {
    String topicArn = topic();
    Queue queue = queue();
    subscribe(topicArn, queue, true);

    sns()
        .publish(
            r ->
                r.topicArn(topicArn)
                    .message("{\"jobId\":\"42\"}")
                    .messageAttributes(
                        Map.of(
                            "type", string("image.uploaded"),
                            "jobId", string("42"),
                            "bytes", attribute("Number", "1024"),
                            "digest",
                                MessageAttributeValue.builder()
                                    .dataType("Binary")
                                    .binaryValue(
                                        SdkBytes.fromByteArray(new byte[] {1, 2, (byte) 255}))
                                    .build())));

    Message received = receiveOne(queue);
    assertThat(received.body()).isEqualTo("{\"jobId\":\"42\"}");
    assertThat(received.messageAttributes()).containsOnlyKeys("type", "jobId", "bytes", "digest");
    assertThat(received.messageAttributes().get("type").stringValue()).isEqualTo("image.uploaded");
    assertThat(received.messageAttributes().get("type").dataType()).isEqualTo("String");
    assertThat(received.messageAttributes().get("jobId").stringValue()).isEqualTo("42");
    assertThat(received.messageAttributes().get("bytes").dataType()).isEqualTo("Number");
    assertThat(received.messageAttributes().get("bytes").stringValue()).isEqualTo("1024");
    assertThat(received.messageAttributes().get("digest").binaryValue().asByteArray())
        .containsExactly(1, 2, 255);
  }

  @Test
  void deliveryWithoutRawWrapsTheMessageInTheSnsEnvelope() {
    String topicArn = topic();
    Queue queue = queue();
    subscribe(topicArn, queue, false);
    // Quotes, a newline, a backslash and non-ASCII text must survive the JSON envelope.
    String text = "line \"one\"\nline\\two – ünïcödé";

    String messageId =
        sns()
            .publish(
                r ->
                    r.topicArn(topicArn)
                        .subject("greeting")
                        .message(text)
                        .messageAttributes(Map.of("type", string("image.uploaded"))))
            .messageId();

    Message received = receiveOne(queue);
    DocumentContext envelope = JsonPath.parse(received.body());
    assertThat(envelope.read("$.Type", String.class)).isEqualTo("Notification");
    assertThat(envelope.read("$.MessageId", String.class)).isEqualTo(messageId);
    assertThat(envelope.read("$.TopicArn", String.class)).isEqualTo(topicArn);
    assertThat(envelope.read("$.Subject", String.class)).isEqualTo("greeting");
    assertThat(envelope.read("$.Message", String.class)).isEqualTo(text);
    assertThat(envelope.read("$.SignatureVersion", String.class)).isEqualTo("1");
    assertThat(Instant.parse(envelope.read("$.Timestamp", String.class)))
        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
    assertThat(envelope.read("$.MessageAttributes.type.Type", String.class)).isEqualTo("String");
    assertThat(envelope.read("$.MessageAttributes.type.Value", String.class))
        .isEqualTo("image.uploaded");
    // Real SNS puts the attributes into the envelope only, not onto the SQS message.
    assertThat(received.messageAttributes()).isEmpty();
  }

  @Test
  void publishToAnUnknownTopicFailsWithNotFound() {
    String unknownArn = topic().replaceAll("[^:]+$", unique("missing"));

    assertThatThrownBy(() -> sns().publish(r -> r.topicArn(unknownArn).message("lost")))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  @Test
  void everySubscribedQueueReceivesThePublishedMessage() {
    String topicArn = topic();
    Queue first = queue();
    Queue second = queue();
    subscribe(topicArn, first, true);
    subscribe(topicArn, second, true);

    sns().publish(r -> r.topicArn(topicArn).message("fan-out"));

    assertThat(receiveOne(first).body()).isEqualTo("fan-out");
    assertThat(receiveOne(second).body()).isEqualTo("fan-out");
  }

  @Test
  void subscribingTheSameQueueTwiceKeepsOneSubscription() {
    String topicArn = topic();
    Queue queue = queue();

    String first = subscribe(topicArn, queue, true);
    String second = subscribe(topicArn, queue, true);

    assertThat(second).isEqualTo(first);
    assertThat(subscriptions(topicArn))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.subscriptionArn()).isEqualTo(first);
              assertThat(s.protocol()).isEqualTo("sqs");
              assertThat(s.endpoint()).isEqualTo(queue.arn());
              assertThat(s.topicArn()).isEqualTo(topicArn);
            });
  }

  @Test
  void listSubscriptionsShowsTheSubscriptionsOfEveryTopic() {
    String firstTopic = topic();
    String secondTopic = topic();
    Queue queue = queue();

    String first = subscribe(firstTopic, queue, true);
    String second = subscribe(secondTopic, queue, true);

    assertThat(sns().listSubscriptionsPaginator(r -> {}).subscriptions())
        .filteredOn(s -> s.endpoint().equals(queue.arn()))
        .extracting(Subscription::subscriptionArn, Subscription::topicArn)
        .containsExactlyInAnyOrder(tuple(first, firstTopic), tuple(second, secondTopic));
  }

  @Test
  void rawDeliveryCanBeSwitchedOnAfterSubscribing() {
    String topicArn = topic();
    Queue queue = queue();
    String subscriptionArn = subscribe(topicArn, queue, false);

    sns()
        .setSubscriptionAttributes(
            r ->
                r.subscriptionArn(subscriptionArn)
                    .attributeName("RawMessageDelivery")
                    .attributeValue("true"));
    sns().publish(r -> r.topicArn(topicArn).message("now raw"));

    assertThat(receiveOne(queue).body()).isEqualTo("now raw");
  }

  @Test
  void filterPolicyDeliversOnlyMessagesWhoseAttributeMatches() {
    String topicArn = topic();
    Queue queue = queue();
    sns()
        .subscribe(
            r ->
                r.topicArn(topicArn)
                    .protocol("sqs")
                    .endpoint(queue.arn())
                    .attributes(
                        Map.of(
                            "RawMessageDelivery", "true",
                            "FilterPolicy", "{\"type\":[\"image.uploaded\"]}")));

    sns()
        .publish(
            r ->
                r.topicArn(topicArn)
                    .message("completion")
                    .messageAttributes(Map.of("type", string("thumbnails.generated"))));
    sns().publish(r -> r.topicArn(topicArn).message("no attributes"));
    sns()
        .publish(
            r ->
                r.topicArn(topicArn)
                    .message("request")
                    .messageAttributes(Map.of("type", string("image.uploaded"))));

    // Delivery happens before Publish answers, in order: the first message received is the match.
    assertThat(receiveOne(queue).body()).isEqualTo("request");
    assertThat(sqs().receiveMessage(r -> r.queueUrl(queue.url()).waitTimeSeconds(1)).messages())
        .isEmpty();
  }

  @Test
  void anUnsubscribedQueueNoLongerReceives() {
    String topicArn = topic();
    Queue kept = queue();
    Queue dropped = queue();
    subscribe(topicArn, kept, true);
    String droppedSubscription = subscribe(topicArn, dropped, true);

    sns().unsubscribe(r -> r.subscriptionArn(droppedSubscription));
    sns().publish(r -> r.topicArn(topicArn).message("only for kept"));

    assertThat(receiveOne(kept).body()).isEqualTo("only for kept");
    // Both implementations deliver before Publish answers, so the message would be there now.
    assertThat(sqs().receiveMessage(r -> r.queueUrl(dropped.url()).waitTimeSeconds(1)).messages())
        .isEmpty();
    assertThat(subscriptions(topicArn))
        .extracting(Subscription::endpoint)
        .containsExactly(kept.arn());
  }

  @Test
  void publishBatchDeliversEveryEntry() {
    String topicArn = topic();
    Queue queue = queue();
    subscribe(topicArn, queue, true);

    PublishBatchResponse response =
        sns()
            .publishBatch(
                r ->
                    r.topicArn(topicArn)
                        .publishBatchRequestEntries(
                            e ->
                                e.id("a")
                                    .message("first")
                                    .messageAttributes(Map.of("n", string("1"))),
                            e -> e.id("b").message("second")));

    assertThat(response.failed()).isEmpty();
    assertThat(response.successful()).extracting(s -> s.id()).containsExactlyInAnyOrder("a", "b");
    List<String> bodies =
        await()
            .atMost(DELIVERY)
            .until(
                () ->
                    sqs()
                        .receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10))
                        .messages()
                        .stream()
                        .map(Message::body)
                        .toList(),
                b -> b.size() == 2);
    assertThat(bodies).containsExactlyInAnyOrder("first", "second");
  }

  /** A queue's URL (for SQS calls) and ARN (for the SNS subscription). */
  record Queue(String url, String arn) {}

  private String topic() {
    return sns().createTopic(r -> r.name(unique("topic"))).topicArn();
  }

  private Queue queue() {
    String url = sqs().createQueue(r -> r.queueName(unique("queue"))).queueUrl();
    String arn =
        sqs()
            .getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    return new Queue(url, arn);
  }

  private String subscribe(String topicArn, Queue queue, boolean raw) {
    return sns()
        .subscribe(
            r ->
                r.topicArn(topicArn)
                    .protocol("sqs")
                    .endpoint(queue.arn())
                    .attributes(Map.of("RawMessageDelivery", String.valueOf(raw))))
        .subscriptionArn();
  }

  private List<Subscription> subscriptions(String topicArn) {
    return sns().listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions();
  }

  private Message receiveOne(Queue queue) {
    List<Message> messages =
        await()
            .atMost(DELIVERY)
            .until(
                () ->
                    sqs()
                        .receiveMessage(
                            r ->
                                r.queueUrl(queue.url())
                                    .maxNumberOfMessages(10)
                                    .messageAttributeNames("All"))
                        .messages(),
                m -> !m.isEmpty());
    assertThat(messages).hasSize(1);
    return messages.getFirst();
  }

  private static MessageAttributeValue string(String value) {
    return attribute("String", value);
  }

  private static MessageAttributeValue attribute(String type, String value) {
    return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
