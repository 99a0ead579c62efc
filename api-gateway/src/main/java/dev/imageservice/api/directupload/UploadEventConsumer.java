package dev.imageservice.api.directupload;

import dev.imageservice.api.messaging.QueuePoller;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes the images bucket's {@code ObjectCreated} notifications for the upload prefix (queue
 * {@code image-service.direct-upload.queue}, wired by the CDK stack) and treats each as the job's
 * {@code complete}. A message is deleted once handled; when S3 or the database fails it is left to
 * come back after its visibility timeout (and to the queue's dead-letter queue in the end: the
 * client's {@code complete} and the expiry sweep still settle the job). Only present when the queue
 * is configured.
 */
@Component
@ConditionalOnProperty(prefix = "image-service.direct-upload", name = "queue")
final class UploadEventConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(UploadEventConsumer.class);

  private final UploadArrival arrival;
  private final DirectUploadProperties properties;
  private final JsonMapper json;
  private final QueuePoller poller;

  UploadEventConsumer(
      SqsClient sqs, UploadArrival arrival, DirectUploadProperties properties, JsonMapper json) {
    this.arrival = arrival;
    this.properties = properties;
    this.json = json;
    this.poller =
        new QueuePoller(
            sqs,
            new QueuePoller.Settings(
                "upload-events",
                Objects.requireNonNull(properties.queue()),
                properties.queueWait(),
                Duration.ofSeconds(1),
                List.of()),
            this::handle);
  }

  @Override
  public void start() {
    log.info("consuming upload events from {}", properties.queue());
    poller.start();
  }

  @Override
  public void stop() {
    poller.stop();
  }

  @Override
  public boolean isRunning() {
    return poller.isRunning();
  }

  void handle(Message message) {
    List<String> keys = UploadEvents.createdKeys(json, message.body());
    log.info("upload event {}: {} new object(s)", message.messageId(), keys.size());
    for (String key : keys) {
      UploadUrls.jobIdOf(properties.prefix(), key)
          .ifPresentOrElse(
              jobId -> arrival.arrivedAt(jobId, key),
              () -> log.info("upload event for a key that is no upload of ours: {}", key));
    }
  }
}
