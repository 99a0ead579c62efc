package dev.imageservice.deploy.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.eks.CfnAccessEntry;
import software.amazon.awscdk.services.eks_v2.HelmChart;
import software.amazon.awscdk.services.eks_v2.HelmChartOptions;
import software.amazon.awscdk.services.eks_v2.KubernetesManifest;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * Node autoscaling (issue 18): Karpenter, not EKS Auto Mode, because Auto Mode replaces the AWS
 * Load Balancer Controller and the VPC CNI add-on the chart and the NetworkPolicies rely on, and
 * would make the managed node group (which keeps Karpenter itself and the other controllers off the
 * nodes Karpenter removes) redundant. The NodePool's limits are sized per environment so that
 * KEDA's maximum workers plus the API's HPA maximum fit ({@code PlatformAddonsTest} checks them
 * against the chart's values).
 */
final class Karpenter extends Construct {

  static final String CHART_VERSION = "1.6.0";
  static final String NAMESPACE = "kube-system";
  static final String SERVICE_ACCOUNT = "karpenter";

  /** The NodePool's ceiling: what Karpenter may launch in total. */
  record Capacity(int cpu, int memoryGib) {
    static Capacity of(String environment) {
      return switch (environment) {
        case "prod" -> new Capacity(64, 256);
        case "staging" -> new Capacity(24, 96);
        default -> new Capacity(16, 64);
      };
    }
  }

  /** What the controller's policy names. */
  record Refs(
      String clusterName,
      String clusterArn,
      String nodeRoleArn,
      String partition,
      String region,
      String account) {}

  private final HelmChart chart;

  Karpenter(Construct scope, String id, Platform.Context ctx) {
    super(scope, id);
    var cluster = ctx.cluster().cluster();
    Role nodeRole =
        Role.Builder.create(this, "NodeRole")
            .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
            .description("Nodes that Karpenter launches for image-service-" + ctx.settings().name())
            .managedPolicies(
                List.of(
                    ManagedPolicy.fromAwsManagedPolicyName("AmazonEKSWorkerNodePolicy"),
                    ManagedPolicy.fromAwsManagedPolicyName("AmazonEKS_CNI_Policy"),
                    ManagedPolicy.fromAwsManagedPolicyName("AmazonEC2ContainerRegistryReadOnly"),
                    ManagedPolicy.fromAwsManagedPolicyName("AmazonSSMManagedInstanceCore")))
            .build();
    // The nodes join through an access entry (no aws-auth ConfigMap in this cluster).
    CfnAccessEntry.Builder.create(this, "NodeAccess")
        .clusterName(cluster.getClusterName())
        .principalArn(nodeRole.getRoleArn())
        .type("EC2_LINUX")
        .build();
    Role controller = ctx.roles().irsa("KarpenterRole", NAMESPACE, SERVICE_ACCOUNT);
    Stack stack = Stack.of(this);
    KarpenterInterruptions interruptions =
        new KarpenterInterruptions(this, "Interruptions", "image-service-" + ctx.settings().name());
    interruptions.grantTo(controller);
    PlatformPolicies.karpenter(
        controller,
        new Refs(
            // Literal, not the cluster's Ref: it is part of IAM condition keys.
            "image-service-" + ctx.settings().name(),
            cluster.getClusterArn(),
            nodeRole.getRoleArn(),
            stack.getPartition(),
            stack.getRegion(),
            stack.getAccount()));
    chart =
        cluster.addHelmChart(
            "KarpenterChart",
            HelmChartOptions.builder()
                .repository("oci://public.ecr.aws/karpenter/karpenter")
                .chart("karpenter")
                .version(CHART_VERSION)
                .release("karpenter")
                .namespace(NAMESPACE)
                .wait(true)
                .values(
                    Map.of(
                        "settings", interruptions.settings(cluster.getClusterName()),
                        "serviceAccount",
                            Map.of(
                                "name",
                                SERVICE_ACCOUNT,
                                "annotations",
                                Map.of("eks.amazonaws.com/role-arn", controller.getRoleArn())),
                        "replicas", 2,
                        // One IMDS hop: the controller cannot read its region from the node.
                        "controller",
                            Map.of(
                                "env",
                                List.of(Map.of("name", "AWS_REGION", "value", stack.getRegion())))))
                .build());
    Capacity capacity = Capacity.of(ctx.settings().name());
    KubernetesManifest nodes =
        cluster.addManifest("KarpenterNodes", nodeClass(ctx, nodeRole), nodePool(capacity));
    nodes.getNode().addDependency(chart);
    Suppressions.suppress(
        nodeRole,
        "IAM4",
        "EKS worker nodes need the AWS-managed node, CNI, ECR read and SSM policies.");
    Suppressions.suppress(
        controller,
        "IAM5",
        "Karpenter's documented policy: EC2 describe/pricing calls have no resource-level"
            + " permissions; create/terminate are confined by the cluster's ownership tag.");
  }

  // Same launch template settings as the managed node group: IMDSv2, one hop, gp3, encrypted.
  private static Map<String, Object> nodeClass(Platform.Context ctx, Role nodeRole) {
    List<Map<String, Object>> subnets =
        ctx.network().vpc().selectSubnets(ctx.network().privateSubnets()).getSubnetIds().stream()
            .map(id -> Map.<String, Object>of("id", id))
            .toList();
    return Map.of(
        "apiVersion",
        "karpenter.k8s.aws/v1",
        "kind",
        "EC2NodeClass",
        "metadata",
        Map.of("name", "image-service"),
        "spec",
        Map.of(
            "role", nodeRole.getRoleName(),
            "amiSelectorTerms", List.of(Map.of("alias", "al2023@latest")),
            "subnetSelectorTerms", subnets,
            "securityGroupSelectorTerms",
                List.of(Map.of("id", ctx.cluster().nodeSecurityGroupId())),
            "metadataOptions",
                Map.of(
                    "httpEndpoint", "enabled",
                    "httpTokens", "required",
                    "httpPutResponseHopLimit", 1),
            "blockDeviceMappings",
                List.of(
                    Map.of(
                        "deviceName",
                        "/dev/xvda",
                        "ebs",
                        Map.of(
                            "volumeSize",
                            KubernetesCluster.NODE_DISK_GIB + "Gi",
                            "volumeType",
                            "gp3",
                            "encrypted",
                            true)))));
  }

  private static Map<String, Object> nodePool(Capacity capacity) {
    return Map.of(
        "apiVersion",
        "karpenter.sh/v1",
        "kind",
        "NodePool",
        "metadata",
        Map.of("name", "image-service"),
        "spec",
        Map.of(
            "template",
                Map.of(
                    "spec",
                    Map.of(
                        "nodeClassRef",
                            Map.of(
                                "group", "karpenter.k8s.aws",
                                "kind", "EC2NodeClass",
                                "name", "image-service"),
                        "requirements",
                            List.of(
                                requirement("kubernetes.io/arch", "amd64"),
                                requirement("karpenter.sh/capacity-type", "on-demand"),
                                requirement("karpenter.k8s.aws/instance-category", "c", "m")))),
            "limits", Map.of("cpu", capacity.cpu(), "memory", capacity.memoryGib() + "Gi"),
            "disruption",
                Map.of(
                    "consolidationPolicy", "WhenEmptyOrUnderutilized",
                    "consolidateAfter", "5m")));
  }

  private static Map<String, Object> requirement(String key, String... values) {
    return Map.of("key", key, "operator", "In", "values", List.of(values));
  }

  HelmChart chart() {
    return chart;
  }
}
