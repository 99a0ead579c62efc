package dev.imageservice.deploy.infra;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.interfaces.s3.IBucketRef;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketNotificationDestinationConfig;
import software.amazon.awscdk.services.s3.BucketNotificationDestinationType;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.IBucketNotificationDestination;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IDependable;

/**
 * Direct uploads ({@code POST /v1/uploads}): clients PUT originals straight into the images bucket
 * under {@link #PREFIX} with a presigned URL. The bucket's {@code ObjectCreated} notifications for
 * that prefix go to a queue of their own that the API consumes (chart value {@code
 * directUpload.queue}); a lifecycle rule removes strays under the prefix (verified uploads are
 * copied out at once); CORS lets the console's origin PUT. Kept apart from {@link Storage} and
 * {@link Messaging} so that it is one small addition to the stack.
 */
public final class DirectUploads extends Construct {

  /** The images bucket prefix uploads land under (the API's {@code direct-upload.prefix}). */
  public static final String PREFIX = "uploads/";

  private final Queue queue;

  DirectUploads(
      Construct scope,
      String id,
      EnvironmentSettings settings,
      Bucket images,
      IKey key,
      Role api,
      String consoleOrigin) {
    super(scope, id);
    Queue deadLetters =
        Queue.Builder.create(this, "UploadEventsDlq")
            .queueName("upload-events-dlq-" + settings.name())
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    Suppressions.suppress(deadLetters, "SQS3", "This queue is the dead-letter queue.");
    queue =
        Queue.Builder.create(this, "UploadEvents")
            .queueName("upload-events-" + settings.name())
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(1))
            .deadLetterQueue(
                DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(5).build())
            .build();
    // S3 encrypts what it sends to the queue with the queue's key. CDK's SqsDestination would
    // grant this on the key with the bucket's ARN as condition, and the key policy naming the
    // bucket that the key encrypts is a dependency cycle (undeployable); this account's S3 only.
    key.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .principals(List.of(new ServicePrincipal("s3.amazonaws.com")))
            .actions(List.of("kms:GenerateDataKey*", "kms:Decrypt"))
            .resources(List.of("*"))
            .conditions(
                Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
            .build());
    // Only the images bucket may send to the queue (the queue policy may name the bucket).
    IDependable queuePolicy =
        queue
            .addToResourcePolicy(
                PolicyStatement.Builder.create()
                    .principals(List.of(new ServicePrincipal("s3.amazonaws.com")))
                    .actions(
                        List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"))
                    .resources(List.of(queue.getQueueArn()))
                    .conditions(Map.of("ArnLike", Map.of("aws:SourceArn", images.getBucketArn())))
                    .build())
            .getPolicyDependable();
    images.addEventNotification(
        EventType.OBJECT_CREATED,
        new QueueDestination(queue, Objects.requireNonNull(queuePolicy, "queue policy")),
        NotificationKeyFilter.builder().prefix(PREFIX).build());
    // Verified uploads leave the prefix at once; anything older than a day is a stray.
    images.addLifecycleRule(
        LifecycleRule.builder()
            .id("StrayDirectUploads")
            .prefix(PREFIX)
            .expiration(Duration.days(1))
            .build());
    images.addCorsRule(
        CorsRule.builder()
            .allowedMethods(List.of(HttpMethods.PUT))
            .allowedOrigins(List.of(consoleOrigin))
            .allowedHeaders(List.of("content-type"))
            .maxAge(3000)
            .build());
    api.addToPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl"))
            .resources(List.of(queue.getQueueArn()))
            .build());
    // HEAD, the ranged GET and the copy's source read under the prefix only.
    api.addToPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("s3:GetObject"))
            .resources(List.of(images.arnForObjects(PREFIX + "*")))
            .build());
    Suppressions.suppress(
        api,
        "IAM5",
        "Direct uploads are read (HEAD, ranged GET, copy source) under the upload prefix only.",
        "Resource::<"
            + Stack.of(this)
                .getLogicalId(
                    (CfnElement)
                        Objects.requireNonNull(images.getNode().getDefaultChild(), "no L1 bucket"))
            + ".Arn>/"
            + PREFIX
            + "*");
    suppressNotificationHandler(Stack.of(this));
  }

  // CDK's singleton function that applies bucket notifications (a custom resource).
  private static void suppressNotificationHandler(Stack stack) {
    Construct handler =
        (Construct)
            stack
                .getNode()
                .tryFindChild("BucketNotificationsHandler050a0587b7544547bf325f094a3db834");
    if (handler == null) {
      return;
    }
    Suppressions.suppress(
        handler,
        "IAM4",
        "CDK's own bucket-notification function logs through AWSLambdaBasicExecutionRole.",
        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    Suppressions.suppress(
        handler,
        "IAM5",
        "CDK's own bucket-notification function: the generated policy is written by CDK.",
        "Resource::*");
  }

  /**
   * The notification destination without SqsDestination's grants (see the constructor): the queue
   * policy that admits the bucket is added before, and the notification waits for it.
   */
  // Public: jsii calls bind() by reflection from the CDK's JavaScript side.
  public static final class QueueDestination implements IBucketNotificationDestination {
    private final Queue queue;
    private final IDependable policy;

    QueueDestination(Queue queue, IDependable policy) {
      this.queue = queue;
      this.policy = policy;
    }

    @Override
    public BucketNotificationDestinationConfig bind(Construct scope, IBucketRef bucket) {
      return BucketNotificationDestinationConfig.builder()
          .arn(queue.getQueueArn())
          .type(BucketNotificationDestinationType.QUEUE)
          .dependencies(List.of(policy))
          .build();
    }
  }

  /** The queue the bucket's upload notifications arrive on. */
  public Queue queue() {
    return queue;
  }
}
