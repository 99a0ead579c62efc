package dev.imageservice.deploy.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.LaunchTemplateHttpTokens;
import software.amazon.awscdk.services.eks.CfnAddon;
import software.amazon.awscdk.services.eks_v2.CapacityType;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.ClusterLoggingTypes;
import software.amazon.awscdk.services.eks_v2.DefaultCapacityType;
import software.amazon.awscdk.services.eks_v2.EndpointAccess;
import software.amazon.awscdk.services.eks_v2.KubernetesVersion;
import software.amazon.awscdk.services.eks_v2.LaunchTemplateSpec;
import software.amazon.awscdk.services.eks_v2.NodegroupAmiType;
import software.amazon.awscdk.services.eks_v2.NodegroupOptions;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The EKS cluster ({@code aws-eks-v2}, native CloudFormation, no kubectl provider): a managed node
 * group in the private subnets (launch template: IMDSv2 required, hop limit 1), control-plane logs
 * to CloudWatch, Kubernetes secrets envelope-encrypted with the customer-managed key, and the VPC
 * CNI add-on with its network policy agent (the chart's NetworkPolicies are enforced). Managed
 * nodes use the cluster security group, which is therefore the "EKS worker nodes" source in every
 * ingress rule. Workloads are installed by Helm, not by CDK.
 */
public final class KubernetesCluster extends Construct {

  /** Root volume of each node (GiB, gp3). */
  static final int NODE_DISK_GIB = 50;

  private final Cluster cluster;

  KubernetesCluster(
      Construct scope, String id, EnvironmentSettings settings, Network network, IKey key) {
    super(scope, id);
    String name = "image-service-" + settings.name();
    // Created up front so that retention and encryption are ours, not EKS's defaults.
    LogGroup.Builder.create(this, "ControlPlaneLogs")
        .logGroupName("/aws/eks/" + name + "/cluster")
        .retention(RetentionDays.THREE_MONTHS)
        .encryptionKey(key)
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
    cluster =
        Cluster.Builder.create(this, "Cluster")
            .clusterName(name)
            .version(KubernetesVersion.V1_33)
            .vpc(network.vpc())
            .vpcSubnets(List.of(network.privateSubnets()))
            .endpointAccess(
                EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(
                    settings.clusterAdminCidrs().toArray(String[]::new)))
            .secretsEncryptionKey(key)
            .clusterLogging(
                List.of(
                    ClusterLoggingTypes.API,
                    ClusterLoggingTypes.AUDIT,
                    ClusterLoggingTypes.AUTHENTICATOR,
                    ClusterLoggingTypes.CONTROLLER_MANAGER,
                    ClusterLoggingTypes.SCHEDULER))
            .defaultCapacityType(DefaultCapacityType.NODEGROUP)
            .defaultCapacity(0)
            // --- platform add-ons (issue 18) ---
            .kubectlProviderOptions(PlatformKubectl.options(this, network))
            // --- end platform add-ons ---
            .build();
    // IMDSv2 only, one hop: pods (one hop further, in their own network namespace) cannot reach
    // the node's instance metadata and so cannot borrow the node role; they use IRSA instead.
    LaunchTemplate nodeTemplate =
        LaunchTemplate.Builder.create(this, "NodeLaunchTemplate")
            .launchTemplateName(name + "-nodes")
            .httpTokens(LaunchTemplateHttpTokens.REQUIRED)
            .httpPutResponseHopLimit(1)
            .httpEndpoint(true)
            .requireImdsv2(true)
            // gp3: baseline IOPS and throughput without gp2's burst credits (spool files, logs).
            .blockDevices(
                List.of(
                    BlockDevice.builder()
                        .deviceName("/dev/xvda")
                        .volume(
                            BlockDeviceVolume.ebs(
                                NODE_DISK_GIB,
                                EbsDeviceOptions.builder()
                                    .volumeType(EbsDeviceVolumeType.GP3)
                                    .encrypted(true)
                                    .build()))
                        .build()))
            .build();
    cluster.addNodegroupCapacity(
        "Nodes",
        NodegroupOptions.builder()
            .nodegroupName(name + "-nodes")
            .subnets(network.privateSubnets())
            .instanceTypes(List.of(new InstanceType(settings.nodeInstanceType())))
            .amiType(NodegroupAmiType.AL2023_X86_64_STANDARD)
            .launchTemplateSpec(
                LaunchTemplateSpec.builder()
                    .id(nodeTemplate.getLaunchTemplateId())
                    .version(nodeTemplate.getLatestVersionNumber())
                    .build())
            .capacityType(CapacityType.ON_DEMAND)
            .minSize(settings.nodeMin())
            .desiredSize(settings.nodeMin())
            .maxSize(settings.nodeMax())
            .build());
    ClusterAccess.grant(this, cluster, settings.site());
    // The chart's NetworkPolicies are only enforced when the VPC CNI runs its policy agent.
    CfnAddon.Builder.create(this, "VpcCni")
        .clusterName(cluster.getClusterName())
        .addonName("vpc-cni")
        .configurationValues("{\"enableNetworkPolicy\":\"true\"}")
        .resolveConflicts("OVERWRITE")
        .build();
    Suppressions.suppress(
        cluster,
        "EKS1",
        "The API endpoint is public only to the admin/CI CIDRs in EnvironmentSettings"
            + " (EndpointAccess.onlyFrom); nodes use the private endpoint.");
    Suppressions.suppress(
        this,
        "IAM4",
        "EKS cluster and node roles need the AWS-managed EKS policies (AmazonEKSClusterPolicy,"
            + " AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryReadOnly, AmazonEKS_CNI_Policy).");
  }

  /** The cluster. */
  public Cluster cluster() {
    return cluster;
  }

  /** The security group of the worker nodes (the EKS-managed cluster security group). */
  public String nodeSecurityGroupId() {
    return cluster.getClusterSecurityGroupId();
  }
}
