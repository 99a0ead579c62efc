package dev.imageservice.deploy.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The customer-managed KMS key of the diagram's "Security Services": S3 buckets, RDS, SQS, SNS,
 * OpenSearch, EKS secrets and CloudWatch log groups are encrypted with it. Rotated yearly.
 */
public final class Encryption extends Construct {

  private final Key key;

  Encryption(Construct scope, String id, EnvironmentSettings settings) {
    super(scope, id);
    key =
        Key.Builder.create(this, "DataKey")
            .alias("alias/image-service-" + settings.name())
            .description("image-service " + settings.name() + ": data at rest")
            .enableKeyRotation(true)
            .removalPolicy(settings.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
            .build();
    // CloudWatch Logs encrypts log groups with the key only when the key policy lets it.
    key.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .principals(List.of(new ServicePrincipal("logs." + Aws.REGION + ".amazonaws.com")))
            .actions(
                List.of(
                    "kms:Encrypt*",
                    "kms:Decrypt*",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:Describe*"))
            .resources(List.of("*"))
            .conditions(
                Map.of(
                    "ArnLike",
                    Map.of(
                        "kms:EncryptionContext:aws:logs:arn",
                        "arn:"
                            + Aws.PARTITION
                            + ":logs:"
                            + Aws.REGION
                            + ":"
                            + Aws.ACCOUNT_ID
                            + ":*")))
            .build());
  }

  /** The key. */
  public Key key() {
    return key;
  }
}
