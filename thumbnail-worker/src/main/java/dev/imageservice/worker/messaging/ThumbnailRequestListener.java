package dev.imageservice.worker.messaging;

import dev.imageservice.common.event.EventJson;
import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.common.event.MalformedEventException;
import dev.imageservice.common.trace.TraceContexts;
import dev.imageservice.worker.job.RenderDeadlines;
import dev.imageservice.worker.job.ThumbnailJobProcessor;
import dev.imageservice.worker.system.WorkerScheduler;
import dev.imageservice.worker.system.WorkerScheduler.Heartbeat;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code ImageUploaded} events (raw SNS delivery) from the thumbnail-requests queue. A
 * message is acknowledged only when this method returns: after the thumbnails and the job's state
 * are stored, or when the message can never succeed (malformed, unknown job, image rejected) or is
 * another event type (its {@code type} attribute says so). Failures are settled by the {@link
 * AckPolicy}; one it leaves for redelivery is thrown, and {@link ListenerConfig#redeliveryBackoff}
 * then sets when the message comes back. While the job runs, a timer thread keeps the message
 * hidden, unless its render is overdue ({@link RenderDeadlines}): then the message returns to the
 * queue. The first extension is not sent at receipt but before the queue's own visibility timeout
 * runs out ({@link #firstExtension}). Every log line about the job carries its {@code jobId} in the
 * MDC. Thread-safe; called concurrently by the container.
 */
@Component
class ThumbnailRequestListener {

  private static final Logger log = LoggerFactory.getLogger(ThumbnailRequestListener.class);

  private final ThumbnailJobProcessor processor;
  private final WorkerScheduler scheduler;
  private final RenderDeadlines deadlines;
  private final QueueMetrics queueMetrics;
  private final Duration extension;
  private final TraceContexts traces;

  ThumbnailRequestListener(
      ThumbnailJobProcessor processor,
      WorkerScheduler scheduler,
      RenderDeadlines deadlines,
      QueueMetrics queueMetrics,
      WorkerQueueProperties properties,
      TraceContexts traces) {
    this.processor = processor;
    this.scheduler = scheduler;
    this.deadlines = deadlines;
    this.queueMetrics = queueMetrics;
    this.extension = properties.visibilityExtension();
    this.traces = traces;
  }

  @SqsListener(
      value = "${image-service.worker.queue}",
      maxConcurrentMessages = "${image-service.worker.concurrency:2}",
      maxMessagesPerPoll = "${image-service.worker.concurrency:2}")
  void onMessage(Message<String> message, Visibility visibility) {
    queueMetrics.received(message);
    Object type = message.getHeaders().get("type");
    if (type != null && !ImageUploaded.TYPE.equals(type.toString())) {
      // The topic carries every image event; without a subscription filter policy the other
      // types arrive here too. They are not for us: acknowledge them quietly.
      log.debug("ignoring a {} event", type);
      return;
    }
    Optional<ImageUploaded> parsed = parse(message.getPayload(), "thumbnail request");
    if (parsed.isEmpty()) {
      return;
    }
    ImageUploaded event = parsed.get();
    String jobId = event.jobId().toString();
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId);
        Heartbeat hidden =
            scheduler.every(
                firstExtension(), extension.dividedBy(3), () -> keepHidden(event, visibility))) {
      // The job's span continues the trace the upload started (traceparent attribute, set by the
      // outbox relay and passed on by SNS raw delivery).
      Object parent = message.getHeaders().get(TraceContexts.TRACEPARENT);
      traces.inSpan(
          "thumbnail job",
          parent == null ? null : parent.toString(),
          () -> {
            AckPolicy.settle(message, "job " + jobId, () -> processor.process(event));
            return null;
          });
    }
  }

  /**
   * When the first extension is due. From its receipt a message is hidden by the queue's own
   * visibility timeout (2 minutes where deployed), so a job that ends sooner, nearly all of them,
   * sends no {@code ChangeMessageVisibility} at all: the first comes after a third of the extension
   * or half the queue's timeout, whichever is sooner. Until the queue's timeout is known (the
   * metrics' first poll, at start) it comes at once, as a short queue timeout would need.
   */
  Duration firstExtension() {
    Duration interval = extension.dividedBy(3);
    return queueMetrics
        .requestVisibilityTimeout()
        .map(queue -> queue.dividedBy(2))
        .map(half -> half.compareTo(interval) < 0 ? half : interval)
        .orElse(Duration.ZERO);
  }

  private void keepHidden(ImageUploaded event, Visibility visibility) {
    if (deadlines.overdue(event.jobId())) {
      log.warn("job {}: render overdue, letting the message return to the queue", event.jobId());
      return;
    }
    visibility
        .changeToAsync((int) extension.toSeconds())
        .exceptionally(
            e -> {
              log.warn("extending a message's visibility failed: {}", e.toString());
              return null;
            });
  }

  /** The event, or empty (logged) when the body is not one: redelivery cannot repair it. */
  static Optional<ImageUploaded> parse(String body, String what) {
    try {
      return Optional.of(EventJson.read(body, ImageUploaded.class));
    } catch (MalformedEventException e) {
      log.warn("dropping a {} that is not an ImageUploaded event: {}", what, e.getMessage());
      return Optional.empty();
    }
  }
}
