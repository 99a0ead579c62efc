package dev.imageservice.common.outbox;

import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes outbox messages to one SNS topic. The event type and job id travel as message
 * attributes, so subscribers can filter without parsing the body. Thread-safe (SnsClient is).
 */
public final class SnsEventPublisher implements EventPublisher {

  private final SnsClient sns;
  private final String topicArn;

  public SnsEventPublisher(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  @Override
  public void publish(OutboxMessage message) {
    sns.publish(
        request ->
            request
                .topicArn(topicArn)
                .message(message.payload())
                .messageAttributes(
                    Map.of(
                        "type", stringAttribute(message.eventType()),
                        "jobId", stringAttribute(message.jobId().toString()))));
  }

  private static MessageAttributeValue stringAttribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
