package dev.imageservice.api.webhook;

import dev.imageservice.api.messaging.QueuePoller;
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
 * Consumes the webhook queue (completion events, subscribed to the topic with raw delivery):
 * records each event's deliveries (with the job's trace context, the {@code traceparent} message
 * attribute) and wakes the dispatcher. A message whose deliveries could not be recorded (database
 * down) stays and SQS redelivers it after its visibility timeout; a malformed one is dropped.
 * Recording is idempotent, so a redelivery of a message that had been recorded changes nothing.
 * Rendering never waits on any of this. Thread-safe.
 */
final class CompletionEventConsumer implements SmartLifecycle, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(CompletionEventConsumer.class);

  private final SqsClient sqs;
  private final CompletionEvents events;
  private final DeliveryDispatcher dispatcher;
  private final QueuePoller poller;

  CompletionEventConsumer(
      SqsClient sqs,
      CompletionEvents events,
      DeliveryDispatcher dispatcher,
      WebhookProperties properties) {
    this.sqs = sqs;
    this.events = events;
    this.dispatcher = dispatcher;
    this.poller =
        new QueuePoller(
            sqs,
            new QueuePoller.Settings(
                "webhook-events",
                properties.queue(),
                Duration.ofSeconds(2),
                properties.pollInterval(),
                List.of(TraceContexts.TRACEPARENT)),
            this::handle);
  }

  @Override
  public void start() {
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

  /** Closes the SQS client once the context is destroyed, not merely stopped. */
  @Override
  public void destroy() {
    sqs.close();
  }

  private void handle(Message message) {
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
  }

  private static @Nullable String traceparentOf(Message message) {
    MessageAttributeValue value = message.messageAttributes().get(TraceContexts.TRACEPARENT);
    return value == null ? null : value.stringValue();
  }
}
