package dev.imageservice.deploy.infra;

import static dev.imageservice.deploy.infra.TemplateQueries.getAtt;
import static dev.imageservice.deploy.infra.TemplateQueries.logicalId;
import static dev.imageservice.deploy.infra.TemplateQueries.ref;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The event path (SNS → SQS with raw delivery → DLQ after five receives), its alarms, and the
 * CloudFront thumbnails behaviour through origin access control.
 */
class MessagingAndMonitoringTest {

  static List<EnvironmentSettings> environments() {
    return EnvironmentSettings.all();
  }

  @ParameterizedTest
  @MethodSource("environments")
  void topicFansOutToTheQueueWithRawDeliveryAndRedrivesAfterFiveReceives(EnvironmentSettings env) {
    Template template = SynthesizedApp.template(env.name());
    String topic =
        logicalId(template, "AWS::SNS::Topic", Map.of("TopicName", "image-events-" + env.name()));
    String queue =
        logicalId(
            template, "AWS::SQS::Queue", Map.of("QueueName", "thumbnail-requests-" + env.name()));
    String dlq =
        logicalId(
            template,
            "AWS::SQS::Queue",
            Map.of("QueueName", "thumbnail-requests-dlq-" + env.name()));
    template.hasResourceProperties(
        "AWS::SNS::Subscription",
        Map.of(
            "Protocol",
            "sqs",
            "TopicArn",
            ref(topic),
            "Endpoint",
            getAtt(queue, "Arn"),
            "RawMessageDelivery",
            true,
            "FilterPolicy",
            Map.of("type", List.of("image.uploaded"))));
    template.hasResourceProperties(
        "AWS::SQS::Queue",
        Match.objectLike(
            Map.of(
                "QueueName", "thumbnail-requests-" + env.name(),
                "KmsMasterKeyId", Match.anyValue(),
                "RedrivePolicy",
                    Map.of(
                        "deadLetterTargetArn",
                        getAtt(dlq, "Arn"),
                        "maxReceiveCount",
                        Messaging.MAX_RECEIVE_COUNT))));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void alarmsOnDeadLettersAndOnTheOldestWaitingRequest(EnvironmentSettings env) {
    Template template = SynthesizedApp.template(env.name());
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(
            Map.of(
                "MetricName",
                "ApproximateNumberOfMessagesVisible",
                "Namespace",
                "AWS/SQS",
                "ComparisonOperator",
                "GreaterThanThreshold",
                "Threshold",
                0,
                "Dimensions",
                List.of(
                    Map.of(
                        "Name",
                        "QueueName",
                        "Value",
                        getAtt(
                            logicalId(
                                template,
                                "AWS::SQS::Queue",
                                Map.of("QueueName", "thumbnail-requests-dlq-" + env.name())),
                            "QueueName"))),
                "AlarmActions",
                List.of(Match.anyValue()))));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(
            Map.of(
                "MetricName",
                "ApproximateAgeOfOldestMessage",
                "Threshold",
                Monitoring.OLDEST_MESSAGE_SECONDS,
                "AlarmActions",
                List.of(Match.anyValue()))));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void cloudFrontServesThumbnailsFromTheBucketThroughOriginAccessControl(EnvironmentSettings env) {
    Template template = SynthesizedApp.template(env.name());
    String thumbnails = TemplateQueries.dataBucket(template, "thumbnails/");
    template.hasResourceProperties(
        "AWS::CloudFront::Distribution",
        Match.objectLike(
            Map.of(
                "DistributionConfig",
                Match.objectLike(
                    Map.of(
                        "CacheBehaviors",
                        List.of(Match.objectLike(Map.of("PathPattern", "/thumbnails/*"))),
                        "Origins",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "DomainName", getAtt(thumbnails, "RegionalDomainName"),
                                        "OriginAccessControlId", Match.anyValue())))))))));
    template.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Match.objectLike(
            Map.of(
                "Bucket",
                ref(thumbnails),
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Action",
                                        "s3:GetObject",
                                        "Principal",
                                        Map.of("Service", "cloudfront.amazonaws.com"))))))))));
  }
}
