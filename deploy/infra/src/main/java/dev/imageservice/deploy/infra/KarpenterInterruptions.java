package dev.imageservice.deploy.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Karpenter's interruption handling: EventBridge sends AWS Health scheduled changes, Spot
 * interruption warnings, rebalance recommendations and instance state changes to a queue the
 * controller reads ({@code settings.interruptionQueue}), so it cordons and drains a node and starts
 * its replacement before EC2 takes it away, instead of losing the pods' in-flight renders (their
 * messages would reappear only after the visibility timeout). Queue and rules as in Karpenter's own
 * CloudFormation template (v1.6): five-minute retention (older events are moot), SQS-managed
 * encryption (EventBridge cannot use a customer key without a key policy for it).
 */
final class KarpenterInterruptions extends Construct {

  private final Queue queue;
  private final String queueName;

  KarpenterInterruptions(Construct scope, String id, String clusterName) {
    super(scope, id);
    queueName = clusterName + "-karpenter-interruptions";
    queue =
        Queue.Builder.create(this, "Queue")
            .queueName(queueName)
            .retentionPeriod(Duration.minutes(5))
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .build();
    rule("ScheduledChange", "aws.health", "AWS Health Event");
    rule("SpotInterruption", "aws.ec2", "EC2 Spot Instance Interruption Warning");
    rule("Rebalance", "aws.ec2", "EC2 Instance Rebalance Recommendation");
    rule("InstanceStateChange", "aws.ec2", "EC2 Instance State-change Notification");
    Suppressions.suppress(
        queue,
        "SQS3",
        "Interruption events are stale after minutes (retention 5 min); a dead-letter queue would"
            + " keep nothing anyone could act on.");
  }

  private void rule(String id, String source, String detailType) {
    Rule.Builder.create(this, id)
        .eventPattern(
            EventPattern.builder().source(List.of(source)).detailType(List.of(detailType)).build())
        .targets(List.of(new SqsQueue(queue)))
        .build();
  }

  /** Lets the controller read and delete the events (Karpenter's interruption queue actions). */
  void grantTo(Role controller) {
    controller.addToPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"))
            .resources(List.of(queue.getQueueArn()))
            .build());
  }

  /** The chart's {@code settings}: the cluster and the queue it reads interruptions from. */
  Map<String, Object> settings(String clusterName) {
    // The literal name: the queue's own attribute would be a token inside the chart's values.
    return Map.of("clusterName", clusterName, "interruptionQueue", queueName);
  }
}
