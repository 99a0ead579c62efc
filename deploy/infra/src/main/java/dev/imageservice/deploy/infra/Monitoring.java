package dev.imageservice.deploy.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * CloudWatch alarms on the thumbnail pipeline, notifying the encrypted {@code
 * image-service-alarms-<env>} topic: any message in the dead-letter queue (a job that failed five
 * times), and the oldest waiting request older than {@value #OLDEST_MESSAGE_SECONDS} s (workers are
 * not keeping up: KEDA at its maximum, or workers failing).
 */
public final class Monitoring extends Construct {

  /** Age of the oldest queued request that raises the backlog alarm. */
  public static final int OLDEST_MESSAGE_SECONDS = 300;

  private final Topic alarms;

  Monitoring(Construct scope, String id, EnvironmentSettings settings, IKey key, Messaging m) {
    super(scope, id);
    alarms =
        Topic.Builder.create(this, "Alarms")
            .topicName("image-service-alarms-" + settings.name())
            .masterKey(key)
            .enforceSsl(true)
            .build();
    MetricOptions perMinuteMax =
        MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build();
    Alarm deadLetters =
        Alarm.Builder.create(this, "DeadLetterQueueNotEmpty")
            .alarmName("image-service-" + settings.name() + "-dlq-not-empty")
            .alarmDescription("Thumbnail requests failed " + Messaging.MAX_RECEIVE_COUNT + " times")
            .metric(m.deadLetterQueue().metricApproximateNumberOfMessagesVisible(perMinuteMax))
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
            .threshold(0)
            .evaluationPeriods(1)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    Alarm backlog =
        Alarm.Builder.create(this, "OldestRequestTooOld")
            .alarmName("image-service-" + settings.name() + "-queue-backlog")
            .alarmDescription(
                "Oldest thumbnail request waits over " + OLDEST_MESSAGE_SECONDS + " s")
            .metric(m.queue().metricApproximateAgeOfOldestMessage(perMinuteMax))
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
            .threshold(OLDEST_MESSAGE_SECONDS)
            .evaluationPeriods(3)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    AlarmDelivery.wire(this, key, alarms, settings.site().alarmEmail());
    deadLetters.addAlarmAction(new SnsAction(alarms));
    backlog.addAlarmAction(new SnsAction(alarms));
  }

  /** The topic that receives alarm notifications. */
  public Topic alarms() {
    return alarms;
  }
}
