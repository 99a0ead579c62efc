package dev.imageservice.deploy.infra;

import static dev.imageservice.deploy.infra.TemplateQueries.getAtt;
import static dev.imageservice.deploy.infra.TemplateQueries.logicalId;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Direct uploads in AWS: the images bucket notifies its own queue of objects created under {@code
 * uploads/}, removes strays there after a day, and lets the console's origin PUT.
 */
class DirectUploadsTest {

  static List<EnvironmentSettings> environments() {
    return EnvironmentSettings.all();
  }

  @ParameterizedTest
  @MethodSource("environments")
  void uploadsUnderThePrefixNotifyTheApisQueueExpireAsStraysAndAdmitTheConsolesPut(
      EnvironmentSettings env) {
    Template template = SynthesizedApp.template(env.name());
    String queue =
        logicalId(template, "AWS::SQS::Queue", Map.of("QueueName", "upload-events-" + env.name()));

    template.hasResourceProperties(
        "Custom::S3BucketNotifications",
        Match.objectLike(
            Map.of(
                "NotificationConfiguration",
                Map.of(
                    "QueueConfigurations",
                    List.of(
                        Map.of(
                            "Events", List.of("s3:ObjectCreated:*"),
                            "Filter",
                                Map.of(
                                    "Key",
                                    Map.of(
                                        "FilterRules",
                                        List.of(Map.of("Name", "prefix", "Value", "uploads/")))),
                            "QueueArn", getAtt(queue, "Arn")))))));
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Match.objectLike(
            Map.of(
                // The images bucket (generated name), known by its access-log prefix.
                "LoggingConfiguration",
                Match.objectLike(Map.of("LogFilePrefix", "images/")),
                "LifecycleConfiguration",
                Map.of(
                    "Rules",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Id", "StrayDirectUploads",
                                    "Prefix", "uploads/",
                                    "ExpirationInDays", 1,
                                    "Status", "Enabled"))))),
                "CorsConfiguration",
                Map.of(
                    "CorsRules",
                    List.of(
                        Match.objectLike(
                            Map.of("AllowedMethods", List.of("PUT"), "MaxAge", 3000)))))));
  }
}
