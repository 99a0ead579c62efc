package dev.imageservice.deploy.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.StringConditions;
import software.amazon.awscdk.services.sns.SubscriptionFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The event path: SNS topic {@code image-events-<env>} fanning out, with raw message delivery, to
 * the SQS queue {@code thumbnail-requests-<env>}, whose redrive policy moves a message to {@code
 * thumbnail-requests-dlq-<env>} after {@value #MAX_RECEIVE_COUNT} receives. All encrypted with the
 * customer-managed key and TLS-only.
 */
public final class Messaging extends Construct {

  /** Receives before a message goes to the dead-letter queue. */
  public static final int MAX_RECEIVE_COUNT = 5;

  /**
   * The queue's visibility timeout: longer than a slow render of a 50 MP image (tens of seconds);
   * the worker extends it while rendering, and the job lease (2 min) matches it.
   */
  public static final Duration VISIBILITY_TIMEOUT = Duration.minutes(2);

  private final Topic topic;
  private final Queue queue;
  private final Queue deadLetterQueue;

  Messaging(Construct scope, String id, EnvironmentSettings settings, IKey key) {
    super(scope, id);
    topic =
        Topic.Builder.create(this, "ImageEvents")
            .topicName("image-events-" + settings.name())
            .masterKey(key)
            .enforceSsl(true)
            .build();
    deadLetterQueue =
        Queue.Builder.create(this, "ThumbnailRequestsDlq")
            .queueName("thumbnail-requests-dlq-" + settings.name())
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    Suppressions.suppress(deadLetterQueue, "SQS3", "This queue is the dead-letter queue.");
    queue =
        Queue.Builder.create(this, "ThumbnailRequests")
            .queueName("thumbnail-requests-" + settings.name())
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .visibilityTimeout(VISIBILITY_TIMEOUT)
            .retentionPeriod(Duration.days(4))
            .deadLetterQueue(
                DeadLetterQueue.builder()
                    .queue(deadLetterQueue)
                    .maxReceiveCount(MAX_RECEIVE_COUNT)
                    .build())
            .build();
    // Workers want the requests only: completion events go to the same topic for other consumers.
    topic.addSubscription(
        SqsSubscription.Builder.create(queue)
            .rawMessageDelivery(true)
            .filterPolicy(
                Map.of(
                    "type",
                    SubscriptionFilter.stringFilter(
                        StringConditions.builder().allowlist(List.of("image.uploaded")).build())))
            .build());
  }

  /** The event topic. */
  public Topic topic() {
    return topic;
  }

  /** The thumbnail request queue. */
  public Queue queue() {
    return queue;
  }

  /** The dead-letter queue. */
  public Queue deadLetterQueue() {
    return deadLetterQueue;
  }
}
