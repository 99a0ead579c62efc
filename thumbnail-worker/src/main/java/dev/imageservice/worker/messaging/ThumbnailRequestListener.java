package dev.imageservice.worker.messaging;

import dev.imageservice.common.event.EventJson;
import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.common.event.MalformedEventException;
import dev.imageservice.worker.job.ThumbnailJobProcessor;
import io.awspring.cloud.sqs.annotation.SqsListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code ImageUploaded} events (raw SNS delivery) from the thumbnail-requests queue. A
 * message is acknowledged only when this method returns: after the thumbnails and the job's state
 * are stored, or when the message can never succeed. A thrown exception leaves it to SQS to deliver
 * again.
 */
@Component
class ThumbnailRequestListener {

  private static final Logger log = LoggerFactory.getLogger(ThumbnailRequestListener.class);

  private final ThumbnailJobProcessor processor;

  ThumbnailRequestListener(ThumbnailJobProcessor processor) {
    this.processor = processor;
  }

  @SqsListener(
      value = "${image-service.worker.queue}",
      maxConcurrentMessages = "${image-service.worker.concurrency:2}",
      maxMessagesPerPoll = "${image-service.worker.concurrency:2}")
  void onMessage(String body) {
    ImageUploaded event;
    try {
      event = EventJson.read(body, ImageUploaded.class);
    } catch (MalformedEventException e) {
      // Redelivering cannot repair it: drop it with a trace in the log instead of blocking the
      // queue.
      log.warn("dropping a message that is not an ImageUploaded event: {}", e.getMessage());
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", event.jobId().toString())) {
      processor.process(event);
    }
  }
}
