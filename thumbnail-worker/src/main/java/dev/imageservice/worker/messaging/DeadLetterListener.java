package dev.imageservice.worker.messaging;

import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.worker.job.JobOutcomes;
import io.awspring.cloud.sqs.annotation.SqsListener;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Consumes the dead-letter queue: a message lands there after {@code maxReceiveCount} deliveries
 * that all failed transiently, and its job is marked {@code FAILED} ({@code retries_exhausted})
 * with a {@code ThumbnailsFailed} event, unless it has finished meanwhile or a live worker holds
 * it. The message is acknowledged once that is stored; failures are settled by the same {@link
 * AckPolicy} as the request queue's (the database down: left for a later delivery). Malformed
 * messages are logged and dropped. Thread-safe.
 */
@Component
class DeadLetterListener {

  private final JobOutcomes outcomes;

  DeadLetterListener(JobOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  @SqsListener(
      value = "${image-service.worker.dead-letter-queue}",
      maxConcurrentMessages = "2",
      maxMessagesPerPoll = "2")
  void onMessage(Message<String> message) {
    Optional<ImageUploaded> event =
        ThumbnailRequestListener.parse(message.getPayload(), "dead-lettered message");
    if (event.isEmpty()) {
      return;
    }
    String jobId = event.get().jobId().toString();
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId)) {
      AckPolicy.settle(
          message,
          "dead-lettered job " + jobId,
          () -> outcomes.retriesExhausted(event.get().jobId()));
    }
  }
}
