package dev.imageservice.local.bench;

import dev.imageservice.common.event.EventJson;
import dev.imageservice.common.event.ThumbnailRef;
import dev.imageservice.common.event.ThumbnailsGenerated;
import dev.imageservice.common.outbox.OutboxMessage;
import dev.imageservice.common.outbox.SnsEventPublisher;
import dev.imageservice.common.trace.TraceContexts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The outbox relay's publish of a job's {@code ThumbnailsGenerated} (three thumbnails and a
 * ThumbHash) through the relay's own {@link SnsEventPublisher}: a {@code PublishBatch} of one, as
 * under light load. The relay's message also carries a {@code traceparent} attribute when the job
 * was traced; this one is untraced, since the span the relay opens for it is tracing's cost, not
 * the SDK's. The topic is the bench's own, with no subscriber.
 */
final class SnsPublishCall implements FloorCall {

  private final SnsEventPublisher publisher;
  private final List<OutboxMessage> batch;

  private SnsPublishCall(SnsEventPublisher publisher, List<OutboxMessage> batch) {
    this.publisher = publisher;
    this.batch = batch;
  }

  /** Publishes to the topic {@code topicName}, created here. */
  static SnsPublishCall of(SnsClient sns, String topicName) {
    String topicArn = sns.createTopic(r -> r.name(topicName)).topicArn();
    UUID job = UUID.randomUUID();
    List<ThumbnailRef> refs =
        List.of("small", "medium", "large").stream()
            .map(
                preset ->
                    new ThumbnailRef(
                        preset,
                        "thumbnails",
                        "bench/" + job + "/" + preset + ".webp",
                        320,
                        240,
                        "image/webp",
                        20_480))
            .toList();
    String payload =
        EventJson.write(
            ThumbnailsGenerated.of(job, "bench", refs, Instant.now())
                .withThumbhash("3OcRJYB4d3h/iIeHeEh3eIhw+j2w"));
    return new SnsPublishCall(
        new SnsEventPublisher(sns, topicArn, TraceContexts.NONE),
        List.of(
            new OutboxMessage(1, UUID.randomUUID(), ThumbnailsGenerated.TYPE, job, payload, 0)));
  }

  @Override
  public CallKind kind() {
    return CallKind.SNS;
  }

  @Override
  public void call() {
    Map<Long, String> failed = publisher.publish(batch);
    if (!failed.isEmpty()) {
      throw new IllegalStateException("SNS refused the message: " + failed);
    }
  }
}
