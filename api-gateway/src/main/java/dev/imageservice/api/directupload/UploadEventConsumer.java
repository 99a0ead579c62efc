package dev.imageservice.api.directupload;

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
 * client's {@code complete} and the expiry sweep still settle the job). One virtual thread, long
 * polling; only present when the queue is configured.
 */
@Component
@ConditionalOnProperty(prefix = "image-service.direct-upload", name = "queue")
class UploadEventConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(UploadEventConsumer.class);

  private final SqsClient sqs;
  private final UploadArrival arrival;
  private final DirectUploadProperties properties;
  private final JsonMapper json;
  private volatile boolean running;
  private volatile Thread poller;

  UploadEventConsumer(
      SqsClient sqs, UploadArrival arrival, DirectUploadProperties properties, JsonMapper json) {
    this.sqs = sqs;
    this.arrival = arrival;
    this.properties = properties;
    this.json = json;
  }

  @Override
  public void start() {
    if (properties.queue() == null) {
      return;
    }
    running = true;
    log.info("consuming upload events from {}", properties.queue());
    poller = Thread.ofVirtual().name("upload-events").start(this::poll);
  }

  @Override
  public void stop() {
    running = false;
    Thread thread = poller;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void poll() {
    String queueUrl = null;
    while (running) {
      try {
        if (queueUrl == null) {
          queueUrl = queueUrl();
        }
        String url = queueUrl;
        List<Message> messages =
            sqs.receiveMessage(
                    r ->
                        r.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds((int) properties.queueWait().toSeconds()))
                .messages();
        messages.forEach(message -> handle(url, message));
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("upload events: {}; polling again", e.toString());
        pause();
      }
    }
  }

  void handle(String queueUrl, Message message) {
    List<String> keys = UploadEvents.createdKeys(json, message.body());
    log.info("upload event {}: {} new object(s)", message.messageId(), keys.size());
    for (String key : keys) {
      UploadUrls.jobIdOf(properties.prefix(), key)
          .ifPresentOrElse(
              jobId -> arrival.arrivedAt(jobId, key),
              () -> log.info("upload event for a key that is no upload of ours: {}", key));
    }
    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
  }

  private String queueUrl() {
    String queue = Objects.requireNonNull(properties.queue());
    return queue.startsWith("https://") || queue.startsWith("http://")
        ? queue
        : sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
  }

  // A failed poll waits a little before the next, without a busy loop while SQS is down.
  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
