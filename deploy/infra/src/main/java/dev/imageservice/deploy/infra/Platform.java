package dev.imageservice.deploy.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.HelmChart;
import software.amazon.awscdk.services.eks_v2.HelmChartOptions;
import software.amazon.awscdk.services.eks_v2.KubernetesManifest;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The cluster add-ons the chart needs (issue 18), installed by CloudFormation through the cluster's
 * kubectl provider ({@link PlatformKubectl}), each chart pinned to a version and each controller
 * with its own IRSA role: the AWS Load Balancer Controller (first: its webhooks intercept the
 * Services the other charts create), external-dns (the environment's zone only), KEDA (the
 * queue-scaler role, which the chart's TriggerAuthentication also names), the External Secrets
 * Operator with the {@code ClusterSecretStore} the chart's ExternalSecret references, the
 * Prometheus Operator (kube-prometheus-stack: PodMonitor/PrometheusRule CRDs and Grafana's
 * dashboard sidecar) and Karpenter. Every chart waits for the managed node group; the CRDs exist
 * when the stack is complete, before CI installs the application chart.
 */
final class Platform extends Construct {

  static final String LBC_VERSION = "1.13.0";
  static final String EXTERNAL_DNS_VERSION = "1.18.0";
  static final String KEDA_VERSION = "2.17.2";
  static final String EXTERNAL_SECRETS_VERSION = "0.19.0";
  static final String PROMETHEUS_STACK_VERSION = "77.0.0";

  /** The name the chart's ExternalSecret references ({@code secrets.storeName}). */
  static final String SECRET_STORE = "aws-secrets-manager";

  /** What the add-ons are wired to. */
  record Context(
      EnvironmentSettings settings,
      KubernetesCluster cluster,
      Network network,
      Dns dns,
      WorkloadRoles roles) {}

  private final Cluster cluster;
  private final String region;

  Platform(Construct scope, String id, Context ctx) {
    super(scope, id);
    cluster = ctx.cluster().cluster();
    region = Stack.of(this).getRegion();
    IConstruct nodes = cluster.getNode().tryFindChild("NodegroupNodes");

    Role lbcRole =
        ctx.roles()
            .irsa("LoadBalancerControllerRole", "kube-system", "aws-load-balancer-controller");
    PlatformPolicies.loadBalancerController(lbcRole, cluster.getClusterName());
    HelmChart lbc =
        chart(
            "LoadBalancerController",
            "https://aws.github.io/eks-charts",
            "aws-load-balancer-controller",
            LBC_VERSION,
            "kube-system",
            Map.of(
                "clusterName", cluster.getClusterName(),
                // IMDSv2 with one hop: the controller cannot discover these from the node.
                "region", region,
                "vpcId", ctx.network().vpc().getVpcId(),
                "serviceAccount", account("aws-load-balancer-controller", lbcRole)));
    if (nodes != null) {
      lbc.getNode().addDependency(nodes);
    }

    Role dnsRole = ctx.roles().irsa("ExternalDnsRole", "external-dns", "external-dns");
    PlatformPolicies.externalDns(dnsRole, ctx.dns().zone().getHostedZoneArn());
    chart(
            "ExternalDns",
            "https://kubernetes-sigs.github.io/external-dns/",
            "external-dns",
            EXTERNAL_DNS_VERSION,
            "external-dns",
            Map.of(
                "provider", Map.of("name", "aws"),
                "domainFilters", List.of(ctx.settings().site().domain()),
                "extraArgs",
                    List.of(
                        "--zone-id-filter=" + ctx.dns().zone().getHostedZoneId(),
                        "--aws-zone-type=public"),
                "policy", "sync",
                "txtOwnerId", cluster.getClusterName(),
                "env", List.of(Map.of("name", "AWS_DEFAULT_REGION", "value", region)),
                "serviceAccount", account("external-dns", dnsRole)))
        .getNode()
        .addDependency(lbc);

    Role scaler = ctx.roles().queueScaler();
    // The ScaledObject's second trigger (age of the oldest message) reads CloudWatch;
    // GetMetricData has no resource-level permissions.
    scaler.addToPolicy(PlatformPolicies.allow(List.of("cloudwatch:GetMetricData"), "*"));
    Suppressions.suppress(
        scaler,
        "IAM5",
        "cloudwatch:GetMetricData supports no resource-level permissions.",
        "Resource::*");
    chart(
            "Keda",
            "https://kedacore.github.io/charts",
            "keda",
            KEDA_VERSION,
            "keda",
            Map.of(
                "serviceAccount",
                    Map.of("operator", Map.of("create", true, "name", "keda-operator")),
                "podIdentity",
                    Map.of(
                        "aws",
                        Map.of("irsa", Map.of("enabled", true, "roleArn", scaler.getRoleArn())))))
        .getNode()
        .addDependency(lbc);

    HelmChart externalSecrets =
        chart(
            "ExternalSecrets",
            "https://charts.external-secrets.io",
            "external-secrets",
            EXTERNAL_SECRETS_VERSION,
            "external-secrets",
            Map.of(
                "installCRDs",
                true,
                "serviceAccount",
                account("external-secrets", ctx.roles().secretsReader())));
    externalSecrets.getNode().addDependency(lbc);
    KubernetesManifest store = cluster.addManifest("SecretStore", secretStore());
    store.getNode().addDependency(externalSecrets);

    chart(
            "PrometheusOperator",
            "https://prometheus-community.github.io/helm-charts",
            "kube-prometheus-stack",
            PROMETHEUS_STACK_VERSION,
            "monitoring",
            Map.of(
                // Select the chart's PodMonitor/PrometheusRule without the release's labels.
                "prometheus",
                    Map.of(
                        "prometheusSpec",
                        Map.of(
                            "podMonitorSelectorNilUsesHelmValues", false,
                            "ruleSelectorNilUsesHelmValues", false,
                            "serviceMonitorSelectorNilUsesHelmValues", false)),
                "grafana",
                    Map.of(
                        "sidecar",
                        Map.of("dashboards", Map.of("enabled", true, "searchNamespace", "ALL")))))
        .getNode()
        .addDependency(lbc);

    new Karpenter(this, "Karpenter", ctx).chart().getNode().addDependency(lbc);
    IConstruct kubectl = cluster.getKubectlProvider();
    if (kubectl != null) {
      Suppressions.suppress(
          kubectl,
          "L1",
          "CDK's kubectl provider: its handler's runtime is chosen by aws-cdk-lib, upgraded with it.");
      Suppressions.suppress(
          kubectl,
          "IAM5",
          "CDK's provider framework invokes its own handler's versions (function-arn:*).");
    }
    Suppressions.suppress(
        lbcRole,
        "IAM5",
        "The controller's documented policy: describe calls take no resources; mutations are"
            + " confined by the elbv2.k8s.aws/cluster tag.",
        "Resource::*");
    Suppressions.suppress(
        dnsRole,
        "IAM5",
        "route53:ListHostedZones takes no resource; changes are limited to the zone.",
        "Resource::*");
  }

  private HelmChart chart(
      String id,
      String repository,
      String chart,
      String version,
      String namespace,
      Map<String, Object> values) {
    return cluster.addHelmChart(
        id,
        HelmChartOptions.builder()
            .repository(repository)
            .chart(chart)
            .release(chart)
            .version(version)
            .namespace(namespace)
            .createNamespace(true)
            .wait(true)
            .timeout(Duration.minutes(15))
            .values(values)
            .build());
  }

  private static Map<String, Object> account(String name, Role role) {
    return Map.of(
        "create",
        true,
        "name",
        name,
        "annotations",
        Map.of("eks.amazonaws.com/role-arn", role.getRoleArn()));
  }

  // Secrets Manager in the stack's region, authenticated as the operator's own service account.
  private Map<String, Object> secretStore() {
    return Map.of(
        "apiVersion",
        "external-secrets.io/v1",
        "kind",
        "ClusterSecretStore",
        "metadata",
        Map.of("name", SECRET_STORE),
        "spec",
        Map.of(
            "provider",
            Map.of(
                "aws",
                Map.of(
                    "service",
                    "SecretsManager",
                    "region",
                    region,
                    "auth",
                    Map.of(
                        "jwt",
                        Map.of(
                            "serviceAccountRef",
                            Map.of(
                                "name", "external-secrets", "namespace", "external-secrets")))))));
  }
}
