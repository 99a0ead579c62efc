package dev.imageservice.local.bench;

import dev.imageservice.common.event.EventJson;
import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.common.trace.TraceContexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The listener container's receive of one job's message and its acknowledgement. The receive asks
 * for every attribute as spring-cloud-aws's {@code AbstractSqsMessageSource} does (waiting up to
 * the worker's 2 s poll timeout, not at all while a message is there); the acknowledgement is a
 * {@code DeleteMessageBatch}, as its {@code SqsAcknowledgementExecutor} sends. The worker's
 * container asks for up to two messages a poll and acknowledges in batches under load; one message
 * each is the light-load case. The messages ({@code ImageUploaded} with the attributes raw SNS
 * delivery gives it: {@code type}, {@code jobId}, {@code traceparent}) are sent by {@link #prepare}
 * from a client of their own, outside the measured window: the worker does not send. The queue is
 * the bench's own.
 */
final class SqsReceiveCall implements FloorCall {

  private static final int SEND_BATCH = 10;

  private final SqsAsyncClient sqs;
  private final SqsClient sender;
  private final String queueUrl;
  private final String body;
  private final Map<String, MessageAttributeValue> attributes;

  private SqsReceiveCall(SqsAsyncClient sqs, SqsClient sender, String queueUrl, UUID job) {
    this.sqs = sqs;
    this.sender = sender;
    this.queueUrl = queueUrl;
    this.body =
        EventJson.write(
            ImageUploaded.of(
                job,
                "bench",
                "images",
                "bench/" + job + "/original",
                "image/jpeg",
                1_572_864,
                List.of("small", "medium", "large"),
                Instant.now()));
    this.attributes =
        Map.of(
            "type",
            text(ImageUploaded.TYPE),
            "jobId",
            text(job.toString()),
            TraceContexts.TRACEPARENT,
            text("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
  }

  /** Receives from the queue {@code queueName}, created here by {@code sender}. */
  static SqsReceiveCall of(SqsAsyncClient sqs, SqsClient sender, String queueName) {
    String queueUrl = sender.createQueue(r -> r.queueName(queueName)).queueUrl();
    return new SqsReceiveCall(sqs, sender, queueUrl, UUID.randomUUID());
  }

  @Override
  public CallKind kind() {
    return CallKind.SQS;
  }

  @Override
  public void prepare(int calls) {
    for (int sent = 0; sent < calls; sent += SEND_BATCH) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < Math.min(SEND_BATCH, calls - sent); i++) {
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .messageBody(body)
                .messageAttributes(attributes)
                .build());
      }
      sender.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
    }
  }

  @Override
  public void call() {
    List<Message> received =
        sqs.receiveMessage(
                r ->
                    r.queueUrl(queueUrl)
                        .maxNumberOfMessages(1)
                        .waitTimeSeconds(2)
                        .messageAttributeNames("All")
                        .attributeNamesWithStrings("All"))
            .join()
            .messages();
    if (received.size() != 1) {
      throw new IllegalStateException("received " + received.size() + " messages, not 1");
    }
    String receipt = received.getFirst().receiptHandle();
    DeleteMessageBatchResponse deleted =
        sqs.deleteMessageBatch(
                r -> r.queueUrl(queueUrl).entries(e -> e.id("0").receiptHandle(receipt)))
            .join();
    if (!deleted.failed().isEmpty()) {
      throw new IllegalStateException("SQS did not delete the message: " + deleted.failed());
    }
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
