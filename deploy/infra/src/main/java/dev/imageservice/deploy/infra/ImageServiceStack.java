package dev.imageservice.deploy.infra;

import java.util.List;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * One environment of the AWS deployment diagram: network, KMS key, buckets, messaging, RDS, EKS
 * with IRSA roles, OpenSearch, alarms and the CloudFront edge, wired to each other by security
 * group rules and IAM policies. Its outputs are what the Helm values of the environment need.
 */
public final class ImageServiceStack extends Stack {

  private final Storage storage;
  private final Messaging messaging;
  private final Database database;
  private final KubernetesCluster cluster;
  private final WorkloadRoles roles;
  private final DirectUploads directUploads;
  private final LogSearch search;
  private final Edge edge;
  private final ImageCache imageCache;
  private final EnvironmentSettings settings;
  private final Dns dns;

  ImageServiceStack(Construct scope, String id, EnvironmentSettings settings, StackProps props) {
    super(scope, id, props);
    this.settings = settings;
    Encryption encryption = new Encryption(this, "Encryption", settings);
    Network network = new Network(this, "Network", settings, encryption.key());
    new Endpoints(this, "Endpoints", network);
    dns = new Dns(this, "Dns", settings.site());
    storage = new Storage(this, "Storage", settings, encryption.key());
    messaging = new Messaging(this, "Messaging", settings, encryption.key());
    database = new Database(this, "Database", settings, network, encryption.key());
    cluster = new KubernetesCluster(this, "Kubernetes", settings, network, encryption.key());
    search = new LogSearch(this, "LogSearch", settings, network, encryption.key());
    new Monitoring(this, "Monitoring", settings, encryption.key(), messaging);

    database
        .securityGroup()
        .addIngressRule(
            Peer.securityGroupId(cluster.nodeSecurityGroupId()),
            Port.tcp(Database.PORT),
            "EKS nodes to PostgreSQL");
    search
        .securityGroup()
        .addIngressRule(
            Peer.securityGroupId(cluster.nodeSecurityGroupId()),
            Port.tcp(443),
            "EKS nodes (fluent-bit) to OpenSearch");

    Secret apiKeys = ApiKeysSecret.create(this, settings, encryption.key());
    Secret runtimeDatabaseUser = RuntimeDatabaseUser.create(this, settings, encryption.key());
    // The admin endpoints (retry, DLQ redrive) are refused until operators put keys here.
    Secret adminKeys =
        Secret.Builder.create(this, "AdminKeys")
            .secretName("image-service/" + settings.name() + "/admin-keys")
            .description(
                "operators' admin keys of the API (image-service.admin.keys), comma-separated")
            .encryptionKey(encryption.key())
            .generateSecretString(
                SecretStringGenerator.builder().excludePunctuation(true).passwordLength(40).build())
            .build();
    Suppressions.suppress(
        adminKeys,
        "SMG4",
        "Admin keys are issued to operators and rotated with them, not on a timer.");

    edge =
        new Edge(
            this,
            "Edge",
            settings,
            network,
            new Edge.Parts(
                cluster.nodeSecurityGroupId(),
                storage.thumbnails(),
                storage.logs(),
                encryption.key(),
                dns.zone(),
                dns.viewerCertificate()));

    roles =
        new WorkloadRoles(
            this,
            "WorkloadRoles",
            settings,
            cluster.cluster().getOpenIdConnectProvider(),
            new WorkloadRoles.Grants(
                storage.images().arnForObjects("*"),
                storage.thumbnails().arnForObjects("*"),
                messaging.topic().getTopicArn(),
                messaging.queue().getQueueArn(),
                messaging.deadLetterQueue().getQueueArn(),
                encryption.key().getKeyArn(),
                search.domain().getDomainArn() + "/*",
                List.of(
                    java.util.Objects.requireNonNull(database.instance().getSecret(), "RDS secret")
                        .getSecretArn(),
                    apiKeys.getSecretArn(),
                    runtimeDatabaseUser.getSecretArn(),
                    adminKeys.getSecretArn(),
                    edge.signing().privateKey().getSecretArn()),
                logicalIdOf(storage.images()),
                logicalIdOf(storage.thumbnails()),
                logicalIdOf(search.domain()),
                storage.images().getBucketArn(),
                storage.thumbnails().getBucketArn()));
    // Deletion invalidates the deleted job's thumbnail paths (image-service.deletion).
    edge.distribution().grantCreateInvalidation(roles.api());
    search.allowWriters(List.<IPrincipal>of(roles.api(), roles.worker()));
    imageCache = new ImageCache(this, "ImageCache", network, encryption.key(), cluster, roles);
    // --- direct uploads (issue 14): bucket events to the API's queue, stray rule, console CORS ---
    directUploads =
        new DirectUploads(
            this,
            "DirectUploads",
            settings,
            storage.images(),
            encryption.key(),
            roles.api(),
            "https://" + edge.distribution().getDistributionDomainName());
    // --- end direct uploads ---

    // --- webhooks (issue 14): the API's completion-event queue, its grants and the key secret ---
    WebhookDeliveries webhooks =
        new WebhookDeliveries(
            this, "WebhookDeliveries", settings, encryption.key(), messaging.topic(), roles);
    output("WebhookQueueUrl", webhooks.queue().getQueueUrl());
    output("WebhookSecretKeyName", webhooks.secretKey().getSecretName());
    // --- end webhooks ---

    // --- platform add-ons (issue 18) ---
    new Platform(this, "Platform", new Platform.Context(settings, cluster, network, dns, roles));
    // --- end platform add-ons ---

    outputs();
    suppressCdkHelperFunction();
  }

  // CDK's singleton AwsCustomResource function (used by the OpenSearch log-publishing policy).
  private void suppressCdkHelperFunction() {
    Construct helper = (Construct) getNode().tryFindChild("AWS679f53fac002430cb0da5b7982bd2287");
    if (helper == null) {
      return;
    }
    Suppressions.suppress(
        helper,
        "IAM4",
        "CDK's own custom-resource function logs through AWSLambdaBasicExecutionRole.",
        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    Suppressions.suppress(
        helper,
        "IAM5",
        "CDK's own custom-resource function: the generated policy is written by CDK.",
        "Action::kms:List*",
        "Action::kms:Describe*");
  }

  private String logicalIdOf(Construct construct) {
    return getLogicalId(
        (CfnElement)
            java.util.Objects.requireNonNull(
                construct.getNode().getDefaultChild(), "no L1 resource"));
  }

  // The values the environment's Helm values file needs (values-<env>.yaml).
  private void outputs() {
    output("ApiRoleArn", roles.api().getRoleArn());
    output("WorkerRoleArn", roles.worker().getRoleArn());
    output("QueueScalerRoleArn", roles.queueScaler().getRoleArn());
    output("SecretsReaderRoleArn", roles.secretsReader().getRoleArn());
    output("ImagesBucket", storage.images().getBucketName());
    output("ThumbnailsBucket", storage.thumbnails().getBucketName());
    output("TopicArn", messaging.topic().getTopicArn());
    output("QueueUrl", messaging.queue().getQueueUrl());
    output("DatabaseEndpoint", database.instance().getDbInstanceEndpointAddress());
    output("LogSearchEndpoint", search.domain().getDomainEndpoint());
    output("AlbSecurityGroupId", edge.albSecurityGroup().getSecurityGroupId());
    output("DistributionDomainName", edge.distribution().getDistributionDomainName());
    output("DistributionId", edge.distribution().getDistributionId());
    output("ThumbnailSigningKeyId", edge.signing().publicKey().getPublicKeyId());
    output("ThumbnailSigningSecretName", edge.signing().privateKey().getSecretName());
    output("OriginVerifySecretArn", edge.originVerify().getSecretArn());
    output("ClusterName", cluster.cluster().getClusterName());
    output("ImageCacheFileSystemId", imageCache.fileSystem().getFileSystemId());
    output("OriginCertificateArn", dns.originCertificate().getCertificateArn());
    output("HostedZoneId", dns.zone().getHostedZoneId());
    output("PublicUrl", "https://" + settings.site().domain());
    output("DatabaseRuntimeSecretName", "image-service/" + settings.name() + "/db-runtime");
    output("UploadEventsQueueUrl", directUploads.queue().getQueueUrl());
  }

  // Exported as <stack>:<id>, so that values generation and other stacks read them by name.
  private void output(String id, String value) {
    CfnOutput.Builder.create(this, id).value(value).exportName(getStackName() + ":" + id).build();
  }

  /** The environment's settings. */
  EnvironmentSettings settings() {
    return settings;
  }

  /** The workloads' IRSA roles. */
  WorkloadRoles roles() {
    return roles;
  }
}
