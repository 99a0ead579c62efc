package dev.imageservice.api.webhook;

import dev.imageservice.common.event.MalformedEventException;
import dev.imageservice.common.trace.TraceContexts;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Consumes the webhook queue (completion events, subscribed to the topic with raw delivery) on one
 * background thread: long-polls, records each event's deliveries (with the job's trace context, the
 * {@code traceparent} message attribute), then deletes the message. A message whose deliveries
 * could not be recorded (database down) stays and SQS redelivers it after its visibility timeout; a
 * malformed one is deleted. Recording is idempotent, so a redelivery of a message that had been
 * recorded changes nothing. Rendering never waits on any of this. Thread-safe.
 */
final class CompletionEventConsumer implements SmartLifecycle, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(CompletionEventConsumer.class);
  private static final int WAIT_SECONDS = 2;

  private final SqsClient sqs;
  private final CompletionEvents events;
  private final DeliveryDispatcher dispatcher;
  private final WebhookProperties properties;
  private volatile boolean running;
  private @Nullable Thread thread;
  private @Nullable String queueUrl;

  CompletionEventConsumer(
      SqsClient sqs,
      CompletionEvents events,
      DeliveryDispatcher dispatcher,
      WebhookProperties properties) {
    this.sqs = sqs;
    this.events = events;
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (!running) {
      running = true;
      thread = Thread.ofPlatform().name("webhook-events").daemon().start(this::loop);
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      try {
        // A long poll ends within WAIT_SECONDS; a message in hand is finished first.
        thread.join(Duration.ofSeconds(WAIT_SECONDS + 3));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // The client stays open: a stopped context may be started again (Spring pauses idle
    // contexts, tests' cached ones among them), and a closed client never works again.
  }

  /** Closes the SQS client once the context is destroyed, not merely stopped. */
  @Override
  public void destroy() {
    sqs.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    while (running) {
      try {
        if (queueUrl == null) {
          queueUrl = sqs.getQueueUrl(r -> r.queueName(properties.queue())).queueUrl();
        }
        String url = queueUrl;
        List<Message> messages =
            sqs.receiveMessage(
                    r ->
                        r.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(WAIT_SECONDS)
                            // SQS sends no message attribute unless asked: the trace context.
                            .messageAttributeNames(TraceContexts.TRACEPARENT))
                .messages();
        for (Message message : messages) {
          handle(url, message);
        }
      } catch (RuntimeException e) {
        // SQS or the database is unreachable, or the queue is not there yet: look again shortly.
        log.warn("webhook events: {}", e.toString());
        pause();
      }
    }
  }

  private void handle(String url, Message message) {
    try {
      if (events.accept(message.body(), traceparentOf(message)) > 0) {
        dispatcher.wakeUp();
      }
    } catch (MalformedEventException e) {
      log.warn(
          "webhook events: dropping a malformed message {}: {}",
          message.messageId(),
          e.getMessage());
    }
    // Only reached when recorded (or worthless): otherwise the exception leaves it for redelivery.
    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
  }

  private static @Nullable String traceparentOf(Message message) {
    MessageAttributeValue value = message.messageAttributes().get(TraceContexts.TRACEPARENT);
    return value == null ? null : value.stringValue();
  }

  private void pause() {
    try {
      Thread.sleep(properties.pollInterval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
