package dev.imageservice.common.outbox;

import dev.imageservice.common.trace.TraceContexts;
import dev.imageservice.common.trace.TraceContexts.OpenSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

/**
 * Publishes outbox messages to one SNS topic with {@code PublishBatch}, one request per batch of up
 * to ten. The event type and job id travel as message attributes, so subscribers can filter without
 * parsing the body. An entry SNS refuses is reported back by its outbox id; the others count as
 * published. Each message that carries a trace context is published in a span of its own trace
 * ({@code outbox publish}), whose {@code traceparent} travels as a message attribute (raw delivery
 * hands it to SQS as one). Thread-safe (SnsClient is).
 */
public final class SnsEventPublisher implements EventPublisher {

  private final SnsClient sns;
  private final String topicArn;
  private final TraceContexts traces;

  public SnsEventPublisher(SnsClient sns, String topicArn) {
    this(sns, topicArn, TraceContexts.NONE);
  }

  public SnsEventPublisher(SnsClient sns, String topicArn, TraceContexts traces) {
    this.sns = sns;
    this.topicArn = topicArn;
    this.traces = traces;
  }

  @Override
  public Map<Long, String> publish(List<OutboxMessage> batch) {
    if (batch.size() > MAX_BATCH) {
      throw new IllegalArgumentException("at most " + MAX_BATCH + " messages per batch");
    }
    if (batch.isEmpty()) {
      return Map.of();
    }
    // One span per message, in that message's trace (a batch mixes jobs, so none is made current).
    List<OpenSpan> spans = new ArrayList<>();
    try {
      List<PublishBatchRequestEntry> entries = new ArrayList<>();
      for (OutboxMessage message : batch) {
        OpenSpan span =
            message.traceparent() == null
                ? OpenSpan.NONE
                : traces.start("outbox publish " + message.eventType(), message.traceparent());
        spans.add(span);
        entries.add(entry(message, span.traceparent()));
      }
      PublishBatchResponse response =
          sns.publishBatch(
              request -> request.topicArn(topicArn).publishBatchRequestEntries(entries));
      Map<Long, String> failed = new HashMap<>();
      for (BatchResultErrorEntry error : response.failed()) {
        failed.put(Long.valueOf(error.id()), error.code() + ": " + error.message());
      }
      return failed;
    } catch (RuntimeException e) {
      spans.forEach(span -> span.error(e));
      throw e;
    } finally {
      spans.forEach(OpenSpan::close);
    }
  }

  // The entry id only has to be unique within the request: the outbox id is, and maps back.
  private static PublishBatchRequestEntry entry(
      OutboxMessage message, @Nullable String traceparent) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put("type", stringAttribute(message.eventType()));
    attributes.put("jobId", stringAttribute(message.jobId().toString()));
    if (traceparent != null) {
      attributes.put(TraceContexts.TRACEPARENT, stringAttribute(traceparent));
    }
    return PublishBatchRequestEntry.builder()
        .id(Long.toString(message.id()))
        .message(message.payload())
        .messageAttributes(attributes)
        .build();
  }

  private static MessageAttributeValue stringAttribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
