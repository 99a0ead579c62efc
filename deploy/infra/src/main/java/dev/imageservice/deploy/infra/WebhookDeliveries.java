package dev.imageservice.deploy.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.StringConditions;
import software.amazon.awscdk.services.sns.SubscriptionFilter;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Webhook deliveries (issue 14), kept apart from the rest of the stack: the API's own queue {@code
 * webhook-events-<env>} subscribed to the topic for completion events only (raw delivery), so a
 * slow receiver never holds up the workers' queue; its dead-letter queue; the secret whose value
 * encrypts signing secrets at rest ({@code image-service/<env>/webhook-secret-key}); and the
 * grants: the API role consumes the queue, the External Secrets Operator reads the secret.
 */
public final class WebhookDeliveries extends Construct {

  /** Receives before a completion event the API could not record goes to the dead-letter queue. */
  public static final int MAX_RECEIVE_COUNT = 10;

  private final Queue queue;
  private final Secret secretKey;

  WebhookDeliveries(
      Construct scope,
      String id,
      EnvironmentSettings settings,
      IKey key,
      ITopic topic,
      WorkloadRoles roles) {
    super(scope, id);
    Queue deadLetters =
        Queue.Builder.create(this, "WebhookEventsDlq")
            .queueName("webhook-events-dlq-" + settings.name())
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    Suppressions.suppress(deadLetters, "SQS3", "This queue is the dead-letter queue.");
    queue =
        Queue.Builder.create(this, "WebhookEvents")
            .queueName("webhook-events-" + settings.name())
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .visibilityTimeout(Duration.minutes(1))
            .retentionPeriod(Duration.days(4))
            .deadLetterQueue(
                DeadLetterQueue.builder()
                    .queue(deadLetters)
                    .maxReceiveCount(MAX_RECEIVE_COUNT)
                    .build())
            .build();
    topic.addSubscription(
        SqsSubscription.Builder.create(queue)
            .rawMessageDelivery(true)
            .filterPolicy(
                Map.of(
                    "type",
                    SubscriptionFilter.stringFilter(
                        StringConditions.builder()
                            .allowlist(List.of("thumbnails.generated", "thumbnails.failed"))
                            .build())))
            .build());
    secretKey =
        Secret.Builder.create(this, "WebhookSecretKey")
            .secretName("image-service/" + settings.name() + "/webhook-secret-key")
            .description(
                "encrypts webhook signing secrets at rest (image-service.webhooks.secret-key)")
            .encryptionKey(key)
            .generateSecretString(
                SecretStringGenerator.builder().excludePunctuation(true).passwordLength(64).build())
            .build();
    Suppressions.suppress(
        secretKey,
        "SMG4",
        "Rotating it needs the stored signing secrets re-encrypted; done by hand (operations.md).");
    roles
        .api()
        .addToPolicy(
            PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(
                    List.of(
                        // CompletionEventConsumer polls with the SDK: these three calls only.
                        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl"))
                .resources(List.of(queue.getQueueArn()))
                .build());
    roles
        .secretsReader()
        .addToPolicy(
            PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
                .resources(List.of(secretKey.getSecretArn()))
                .build());
  }

  /** The API's queue of completion events. */
  public Queue queue() {
    return queue;
  }

  /** The secret holding image-service.webhooks.secret-key. */
  public Secret secretKey() {
    return secretKey;
  }
}
