package dev.imageservice.deploy.infra;

import java.util.List;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Makes alarm notifications arrive: CloudWatch may publish to the KMS-encrypted alarm topic only
 * when the key policy lets {@code cloudwatch.amazonaws.com} generate data keys (otherwise every
 * alarm action fails silently), and the topic has a subscriber, the environment file's {@code
 * alarmEmail} (who confirms the subscription once).
 */
final class AlarmDelivery {

  private AlarmDelivery() {}

  static void wire(Construct scope, IKey key, Topic alarms, String email) {
    key.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("CloudWatchAlarmsPublishToEncryptedTopic")
            .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
            .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
            .resources(List.of("*"))
            .build());
    alarms.addSubscription(new EmailSubscription(email));
  }
}
