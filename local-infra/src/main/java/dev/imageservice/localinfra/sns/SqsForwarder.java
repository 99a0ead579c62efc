package dev.imageservice.localinfra.sns;

import dev.imageservice.localinfra.sns.QueryRequest.MessageAttribute;
import dev.imageservice.localinfra.sns.TopicRegistry.Subscription;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Delivers a published message to one SQS subscription: with raw delivery the body is the message
 * and the attributes become SQS message attributes; otherwise the body is the SNS JSON envelope.
 * Thread-safe: the SDK client is thread-safe and the queue URL cache is concurrent.
 */
final class SqsForwarder {

  // SNS always writes milliseconds ("2026-11-01T12:00:00.000Z"); Instant.toString drops zeros.
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SqsClient sqs;
  private final ConcurrentMap<String, String> queueUrlsByName = new ConcurrentHashMap<>();

  SqsForwarder(SqsClient sqs) {
    this.sqs = sqs;
  }

  /** One published message, as it is fanned out to every subscription of its topic. */
  record Notification(
      String messageId,
      String topicArn,
      String subject,
      String message,
      Map<String, MessageAttribute> attributes,
      Instant timestamp) {}

  /**
   * Sends the notification to the subscription's queue.
   *
   * @throws SnsError an internal error when SQS does not take the message, so the publisher sees a
   *     failed publish and retries instead of losing the event
   */
  void deliver(Notification notification, Subscription subscription) {
    try {
      String queueUrl =
          queueUrlsByName.computeIfAbsent(
              subscription.queueName(), name -> sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
      if (subscription.rawDelivery()) {
        sqs.sendMessage(
            r ->
                r.queueUrl(queueUrl)
                    .messageBody(notification.message())
                    .messageAttributes(sqsAttributes(notification.attributes())));
      } else {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(envelope(notification)));
      }
    } catch (RuntimeException e) {
      throw SnsError.internal(
          "Delivery to " + subscription.queueArn() + " failed: " + e.getMessage(), e);
    }
  }

  private static Map<String, MessageAttributeValue> sqsAttributes(
      Map<String, MessageAttribute> attributes) {
    Map<String, MessageAttributeValue> result = new LinkedHashMap<>();
    attributes.forEach(
        (name, a) -> {
          MessageAttributeValue.Builder value =
              MessageAttributeValue.builder().dataType(a.dataType());
          if (a.binaryValue() != null) {
            value.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(a.binaryValue())));
          } else {
            value.stringValue(a.stringValue());
          }
          result.put(name, value.build());
        });
    return result;
  }

  /** The JSON body real SNS puts into SQS without raw delivery (unsigned: nobody verifies it). */
  static String envelope(Notification n) {
    StringBuilder json = new StringBuilder("{");
    field(json, "Type", "Notification");
    field(json, "MessageId", n.messageId());
    field(json, "TopicArn", n.topicArn());
    if (n.subject() != null) {
      field(json, "Subject", n.subject());
    }
    field(json, "Message", n.message());
    field(json, "Timestamp", TIMESTAMP.format(n.timestamp()));
    field(json, "SignatureVersion", "1");
    if (!n.attributes().isEmpty()) {
      json.append("\"MessageAttributes\":{");
      n.attributes()
          .forEach(
              (name, a) -> {
                json.append(quote(name)).append(":{");
                field(json, "Type", a.dataType());
                field(json, "Value", a.binaryValue() != null ? a.binaryValue() : a.stringValue());
                json.setLength(json.length() - 1);
                json.append("},");
              });
      json.setLength(json.length() - 1);
      json.append("},");
    }
    json.setLength(json.length() - 1);
    return json.append('}').toString();
  }

  private static void field(StringBuilder json, String name, String value) {
    json.append(quote(name)).append(':').append(quote(value)).append(',');
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u%04x".formatted((int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
