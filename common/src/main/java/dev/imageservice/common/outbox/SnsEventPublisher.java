package dev.imageservice.common.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

/**
 * Publishes outbox messages to one SNS topic with {@code PublishBatch}, one request per batch of up
 * to ten. The event type and job id travel as message attributes, so subscribers can filter without
 * parsing the body. An entry SNS refuses is reported back by its outbox id; the others count as
 * published. Thread-safe (SnsClient is).
 */
public final class SnsEventPublisher implements EventPublisher {

  private final SnsClient sns;
  private final String topicArn;

  public SnsEventPublisher(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  @Override
  public Map<Long, String> publish(List<OutboxMessage> batch) {
    if (batch.size() > MAX_BATCH) {
      throw new IllegalArgumentException("at most " + MAX_BATCH + " messages per batch");
    }
    if (batch.isEmpty()) {
      return Map.of();
    }
    List<PublishBatchRequestEntry> entries = batch.stream().map(SnsEventPublisher::entry).toList();
    PublishBatchResponse response =
        sns.publishBatch(request -> request.topicArn(topicArn).publishBatchRequestEntries(entries));
    Map<Long, String> failed = new HashMap<>();
    for (BatchResultErrorEntry error : response.failed()) {
      failed.put(Long.valueOf(error.id()), error.code() + ": " + error.message());
    }
    return failed;
  }

  // The entry id only has to be unique within the request: the outbox id is, and maps back.
  private static PublishBatchRequestEntry entry(OutboxMessage message) {
    return PublishBatchRequestEntry.builder()
        .id(Long.toString(message.id()))
        .message(message.payload())
        .messageAttributes(
            Map.of(
                "type", stringAttribute(message.eventType()),
                "jobId", stringAttribute(message.jobId().toString())))
        .build();
  }

  private static MessageAttributeValue stringAttribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
