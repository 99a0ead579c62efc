package dev.imageservice.api.messaging;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Long-polls one SQS queue on a background thread and hands each message to a handler; a message is
 * deleted once its handler returns. A handler that throws leaves the message for SQS to redeliver
 * after its visibility timeout (and, in the end, to the queue's dead-letter queue), so handlers
 * must be idempotent and should swallow, log and so drop, messages that can never succeed. While
 * SQS (or what a handler needs) is unreachable, the poller waits {@code pauseOnError} between
 * attempts instead of spinning.
 *
 * <p>It may be started again after a stop (Spring pauses idle contexts and starts them later) and
 * never closes the client: its owner does, when it is destroyed. Thread-safe.
 */
public final class QueuePoller {

  private static final Logger log = LoggerFactory.getLogger(QueuePoller.class);

  /** What to poll and how. {@code queue} is a queue name or a queue URL. */
  public record Settings(
      String name,
      String queue,
      Duration longPoll,
      Duration pauseOnError,
      List<String> messageAttributeNames) {}

  private final SqsClient sqs;
  private final Settings settings;
  private final Consumer<Message> handler;
  private volatile boolean running;
  private volatile boolean receiving;
  private @Nullable Thread thread;
  private @Nullable String queueUrl;

  public QueuePoller(SqsClient sqs, Settings settings, Consumer<Message> handler) {
    this.sqs = sqs;
    this.settings = settings;
    this.handler = handler;
  }

  public synchronized void start() {
    if (!running) {
      running = true;
      // Virtual: a virtual thread blocked in a socket read can be interrupted, a platform one not.
      thread = Thread.ofVirtual().name(settings.name()).start(this::loop);
    }
  }

  /**
   * Stops polling: a long poll in progress is cut short (the messages it would have received stay
   * in the queue), a message in hand is finished first.
   */
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      if (receiving) {
        thread.interrupt();
      }
      try {
        thread.join(settings.longPoll().plusSeconds(3));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public boolean isRunning() {
    return running;
  }

  private void loop() {
    while (running) {
      try {
        String url = queueUrl();
        receiving = true;
        List<Message> messages =
            sqs.receiveMessage(
                    r ->
                        r.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds((int) settings.longPoll().toSeconds())
                            // SQS sends no message attribute unless asked for it by name.
                            .messageAttributeNames(settings.messageAttributeNames()))
                .messages();
        receiving = false;
        for (Message message : messages) {
          handler.accept(message);
          sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
        }
      } catch (RuntimeException e) {
        receiving = false;
        if (!running) {
          return; // the poll was cut short by stop()
        }
        // SQS or the handler's database is unreachable, or the queue is not there yet.
        log.warn("{}: {}; polling again shortly", settings.name(), e.toString());
        pause();
      }
    }
  }

  private String queueUrl() {
    if (queueUrl == null) {
      String queue = settings.queue();
      queueUrl =
          queue.startsWith("https://") || queue.startsWith("http://")
              ? queue
              : sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
    }
    return queueUrl;
  }

  private void pause() {
    try {
      Thread.sleep(settings.pauseOnError());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
