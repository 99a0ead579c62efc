package dev.imageservice.worker.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The approximate depth of one queue, refreshed asynchronously and exported as two gauges tagged
 * with the queue's name, and the queue's visibility timeout. A failed refresh keeps the last
 * values. Thread-safe.
 */
final class QueueDepth {

  private static final Logger log = LoggerFactory.getLogger(QueueDepth.class);

  private final SqsAsyncClient sqs;
  private final String queue;
  private final AtomicLong visible = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong visibilityTimeoutSeconds = new AtomicLong(-1);
  private volatile String queueUrl;

  QueueDepth(SqsAsyncClient sqs, String queue, MeterRegistry registry) {
    this.sqs = sqs;
    this.queue = queue;
    String name = queue.substring(queue.lastIndexOf('/') + 1);
    Gauge.builder("image.queue.messages.visible", visible, AtomicLong::get)
        .description("Messages waiting to be received (ApproximateNumberOfMessages)")
        .tag("queue", name)
        .register(registry);
    Gauge.builder("image.queue.messages.in.flight", inFlight, AtomicLong::get)
        .description(
            "Messages received and not yet deleted (ApproximateNumberOfMessagesNotVisible)")
        .tag("queue", name)
        .register(registry);
  }

  long visible() {
    return visible.get();
  }

  /**
   * The queue's own visibility timeout (read with the depth, no call of its own), empty until the
   * first refresh succeeded.
   */
  Optional<Duration> visibilityTimeout() {
    long seconds = visibilityTimeoutSeconds.get();
    return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
  }

  void refresh() {
    url()
        .thenCompose(
            url ->
                sqs.getQueueAttributes(
                    r ->
                        r.queueUrl(url)
                            .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.VISIBILITY_TIMEOUT)))
        .thenAccept(
            response -> {
              Map<QueueAttributeName, String> attributes = response.attributes();
              visible.set(number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
              inFlight.set(
                  number(
                      attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
              if (attributes.containsKey(QueueAttributeName.VISIBILITY_TIMEOUT)) {
                visibilityTimeoutSeconds.set(
                    number(attributes, QueueAttributeName.VISIBILITY_TIMEOUT));
              }
            })
        .exceptionally(
            e -> {
              log.debug("queue {}: attributes not refreshed: {}", queue, e.toString());
              return null;
            });
  }

  private CompletableFuture<String> url() {
    if (queueUrl != null) {
      return CompletableFuture.completedFuture(queueUrl);
    }
    if (queue.startsWith("http://") || queue.startsWith("https://")) {
      queueUrl = queue;
      return CompletableFuture.completedFuture(queue);
    }
    return sqs.getQueueUrl(r -> r.queueName(queue))
        .thenApply(response -> queueUrl = response.queueUrl());
  }

  private static long number(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    String value = attributes.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }
}
