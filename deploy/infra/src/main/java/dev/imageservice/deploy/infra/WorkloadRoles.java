package dev.imageservice.deploy.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnJson;
import software.amazon.awscdk.services.iam.IOpenIdConnectProvider;
import software.amazon.awscdk.services.iam.OpenIdConnectPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * IAM roles for service accounts (IRSA): one role per Kubernetes ServiceAccount, assumable only by
 * that account's projected token through the cluster's OIDC provider. Each role holds exactly what
 * its workload does (see {@link #api}, {@link #worker}); the chart annotates the ServiceAccounts
 * with these roles' ARNs ({@code eks.amazonaws.com/role-arn}).
 */
public final class WorkloadRoles extends Construct {

  /** The api-gateway's ServiceAccount (the diagram's {@code image-service-sa}). */
  public static final String API_SERVICE_ACCOUNT = "image-service-sa";

  /** The thumbnail-worker's ServiceAccount. */
  public static final String WORKER_SERVICE_ACCOUNT = "thumbnail-worker-sa";

  private static final String S3_AND_SEARCH_REASON =
      "Object-level grants: keys are {tenant}/{jobId}/... under one bucket, so the resource is"
          + " bucket/*; the actions are single verbs (no s3:*). Log shipping writes to any index"
          + " of the one domain (domain/*).";

  private final Role api;
  private final Role worker;
  private final Role queueScaler;
  private final Role secretsReader;

  private final IOpenIdConnectProvider oidc;
  private final String namePrefix;

  WorkloadRoles(
      Construct scope,
      String id,
      EnvironmentSettings settings,
      IOpenIdConnectProvider oidc,
      Grants grants) {
    super(scope, id);
    this.oidc = oidc;
    this.namePrefix = "image-service-" + settings.name() + "-";
    api = role("ApiRole", "api", EnvironmentSettings.NAMESPACE, API_SERVICE_ACCOUNT);
    api.addToPolicy(allow(List.of("s3:PutObject", "s3:DeleteObject"), grants.imagesObjects()));
    // Readiness calls HeadBucket on the originals bucket; IAM authorises it as s3:ListBucket.
    // Deletion lists a job's prefix in both buckets (ListObjectsV2) and deletes what is there.
    api.addToPolicy(
        allow(List.of("s3:ListBucket"), grants.imagesBucket(), grants.thumbnailsBucket()));
    api.addToPolicy(allow(List.of("s3:GetObject", "s3:DeleteObject"), grants.thumbnailsObjects()));
    api.addToPolicy(allow(List.of("sns:Publish"), grants.topicArn()));
    api.addToPolicy(allow(List.of("kms:Decrypt", "kms:GenerateDataKey"), grants.keyArn()));
    api.addToPolicy(allow(List.of("es:ESHttpPost", "es:ESHttpPut"), grants.searchIndices()));
    // The operators' DLQ redrive (/admin): moves dead letters back to the request queue.
    api.addToPolicy(
        allow(
            List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl"),
            grants.deadLetterQueueArn()));
    api.addToPolicy(allow(List.of("sqs:SendMessage", "sqs:GetQueueUrl"), grants.queueArn()));

    worker = role("WorkerRole", "worker", EnvironmentSettings.NAMESPACE, WORKER_SERVICE_ACCOUNT);
    worker.addToPolicy(allow(List.of("s3:GetObject"), grants.imagesObjects()));
    // Renders replace a job's thumbnails (re-render, backfill) and remove the superseded ones.
    worker.addToPolicy(
        allow(List.of("s3:PutObject", "s3:DeleteObject"), grants.thumbnailsObjects()));
    worker.addToPolicy(
        allow(
            List.of(
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl"),
            grants.queueArn(),
            grants.deadLetterQueueArn()));
    worker.addToPolicy(allow(List.of("sns:Publish"), grants.topicArn()));
    worker.addToPolicy(allow(List.of("kms:Decrypt", "kms:GenerateDataKey"), grants.keyArn()));
    worker.addToPolicy(allow(List.of("es:ESHttpPost", "es:ESHttpPut"), grants.searchIndices()));

    // KEDA's operator reads the queue depth with its own, narrower role (TriggerAuthentication).
    queueScaler = role("QueueScalerRole", "queue-scaler", "keda", "keda-operator");
    queueScaler.addToPolicy(allow(List.of("sqs:GetQueueAttributes"), grants.queueArn()));

    // The External Secrets Operator copies the DB credentials and API keys into the namespace.
    secretsReader =
        role("SecretsReaderRole", "secrets-reader", "external-secrets", "external-secrets");
    secretsReader.addToPolicy(
        allow(
            List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
            grants.secretArns().toArray(String[]::new)));
    secretsReader.addToPolicy(allow(List.of("kms:Decrypt"), grants.keyArn()));

    for (Role role : List.of(api, worker)) {
      Suppressions.suppress(
          role,
          "IAM5",
          S3_AND_SEARCH_REASON,
          "Resource::<" + grants.imagesBucketLogicalId() + ".Arn>/*",
          "Resource::<" + grants.thumbnailsBucketLogicalId() + ".Arn>/*",
          "Resource::<" + grants.searchDomainLogicalId() + ".Arn>/*");
    }
  }

  /**
   * A role that only the Kubernetes service account {@code namespace/account} may assume, with no
   * permissions yet.
   */
  Role irsa(String id, String namespace, String account) {
    return role(id, null, namespace, account);
  }

  private Role role(String id, String name, String namespace, String account) {
    CfnJson conditions =
        CfnJson.Builder.create(this, id + "Subject")
            .value(
                Map.of(
                    oidc.getOpenIdConnectProviderIssuer() + ":sub",
                    "system:serviceaccount:" + namespace + ":" + account,
                    oidc.getOpenIdConnectProviderIssuer() + ":aud",
                    "sts.amazonaws.com"))
            .build();
    return Role.Builder.create(this, id)
        .roleName(name == null ? null : namePrefix + name)
        .assumedBy(new OpenIdConnectPrincipal(oidc, Map.of("StringEquals", conditions)))
        .description("IRSA: " + namespace + "/" + account)
        .build();
  }

  private static PolicyStatement allow(List<String> actions, String... resources) {
    return PolicyStatement.Builder.create().actions(actions).resources(List.of(resources)).build();
  }

  /** The api-gateway's role. */
  public Role api() {
    return api;
  }

  /** The thumbnail-worker's role. */
  public Role worker() {
    return worker;
  }

  /** KEDA's role for reading the queue depth. */
  public Role queueScaler() {
    return queueScaler;
  }

  /** The External Secrets Operator's role. */
  public Role secretsReader() {
    return secretsReader;
  }

  /**
   * The resources the roles are granted on.
   *
   * @param imagesObjects ARN pattern of the originals ({@code bucket-arn/*})
   * @param thumbnailsObjects ARN pattern of the thumbnails
   * @param topicArn the event topic
   * @param queueArn the request queue
   * @param deadLetterQueueArn its dead-letter queue
   * @param keyArn the customer-managed key
   * @param searchIndices ARN pattern of the OpenSearch domain's indices
   * @param secretArns the Secrets Manager secrets the pods receive
   * @param imagesBucketLogicalId logical id of the images bucket (names the nag finding)
   * @param thumbnailsBucketLogicalId logical id of the thumbnails bucket
   * @param searchDomainLogicalId logical id of the OpenSearch domain
   * @param imagesBucket ARN of the originals bucket itself (HeadBucket, ListObjectsV2)
   * @param thumbnailsBucket ARN of the thumbnails bucket itself (ListObjectsV2 on deletion)
   */
  public record Grants(
      String imagesObjects,
      String thumbnailsObjects,
      String topicArn,
      String queueArn,
      String deadLetterQueueArn,
      String keyArn,
      String searchIndices,
      List<String> secretArns,
      String imagesBucketLogicalId,
      String thumbnailsBucketLogicalId,
      String searchDomainLogicalId,
      String imagesBucket,
      String thumbnailsBucket) {}
}
