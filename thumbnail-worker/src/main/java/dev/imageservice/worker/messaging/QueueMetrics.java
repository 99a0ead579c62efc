package dev.imageservice.worker.messaging;

import dev.imageservice.worker.system.PeriodicTask;
import dev.imageservice.worker.system.WorkerScheduler;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The queues as this worker sees them: {@code image_queue_messages_visible{queue}} and {@code
 * image_queue_messages_in_flight{queue}} (the {@code ApproximateNumberOf...} attributes, polled
 * every {@code metrics-interval}, for the request queue and its DLQ), and {@code
 * image_queue_oldest_message_age_seconds}.
 *
 * <p>SQS has no attribute for the age of the oldest message (CloudWatch has, ElasticMQ not), so it
 * is derived from the {@code SentTimestamp} of the messages this worker received: the largest age
 * at receipt during the last interval. When nothing was received but messages are waiting, the
 * previous value grows by the interval (a lower bound: the oldest message is at least that old);
 * when the queue is empty it is 0. Thread-safe.
 */
@Component
class QueueMetrics extends PeriodicTask {

  private final Clock clock;
  private final Duration interval;
  private final QueueDepth requests;
  private final QueueDepth deadLetters;
  private final AtomicLong oldestInWindowMillis = new AtomicLong(-1);
  private volatile double oldestAgeSeconds;

  QueueMetrics(
      SqsAsyncClient sqs,
      WorkerQueueProperties properties,
      WorkerScheduler scheduler,
      MeterRegistry registry,
      Clock clock) {
    super(scheduler, properties.metricsInterval());
    this.clock = clock;
    this.interval = properties.metricsInterval();
    this.requests = new QueueDepth(sqs, properties.queue(), registry);
    this.deadLetters = new QueueDepth(sqs, properties.deadLetterQueue(), registry);
    Gauge.builder("image.queue.oldest.message.age", this, m -> m.oldestAgeSeconds)
        .description("Age of the oldest message received in the last interval (lower bound)")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Notes a received message's age; called by the listener for every message. */
  void received(Message<?> message) {
    Object sent = message.getHeaders().get(SqsHeaders.MessageSystemAttributes.SQS_SENT_TIMESTAMP);
    if (sent == null) {
      return;
    }
    try {
      long age = clock.millis() - Long.parseLong(sent.toString());
      oldestInWindowMillis.accumulateAndGet(Math.max(0, age), Math::max);
    } catch (NumberFormatException e) {
      // Not a timestamp: no age to report for this message.
    }
  }

  /**
   * The request queue's own visibility timeout, which hides a message from its receipt until the
   * first extension; empty until the first poll has read it.
   */
  Optional<Duration> requestVisibilityTimeout() {
    return requests.visibilityTimeout();
  }

  void poll() {
    requests.refresh();
    deadLetters.refresh();
    long oldest = oldestInWindowMillis.getAndSet(-1);
    if (oldest >= 0) {
      oldestAgeSeconds = oldest / 1000.0;
    } else if (requests.visible() == 0) {
      oldestAgeSeconds = 0;
    } else {
      oldestAgeSeconds += interval.toMillis() / 1000.0;
    }
  }

  @Override
  protected void runPeriodically() {
    poll();
  }
}
