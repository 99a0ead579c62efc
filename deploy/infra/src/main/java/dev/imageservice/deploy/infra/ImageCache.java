package dev.imageservice.deploy.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.efs.FileSystem;
import software.amazon.awscdk.services.efs.PerformanceMode;
import software.amazon.awscdk.services.efs.ThroughputMode;
import software.amazon.awscdk.services.eks.CfnAddon;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The storage behind the chart's {@code image-cache-pvc}: an EFS file system (ReadWriteMany, since
 * the pods of one Deployment run on several nodes), encrypted with the customer-managed key and
 * reachable from the nodes only, with the EKS add-on of its CSI driver (its own IRSA role).
 */
public final class ImageCache extends Construct {

  private final FileSystem fileSystem;

  ImageCache(
      Construct scope,
      String id,
      Network network,
      IKey key,
      KubernetesCluster cluster,
      WorkloadRoles roles) {
    super(scope, id);
    SecurityGroup securityGroup =
        SecurityGroup.Builder.create(this, "SecurityGroup")
            .vpc(network.vpc())
            .description("EFS image cache: NFS from the EKS nodes only")
            .allowAllOutbound(false)
            .build();
    securityGroup.addIngressRule(
        Peer.securityGroupId(cluster.nodeSecurityGroupId()), Port.tcp(2049), "EKS nodes (NFS)");
    fileSystem =
        FileSystem.Builder.create(this, "FileSystem")
            .vpc(network.vpc())
            .vpcSubnets(network.privateSubnets())
            .securityGroup(securityGroup)
            .encrypted(true)
            .kmsKey(key)
            .performanceMode(PerformanceMode.GENERAL_PURPOSE)
            .throughputMode(ThroughputMode.ELASTIC)
            // Spool files live for one request or render; the cache is disposable.
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Role driver = roles.irsa("EfsCsiDriverRole", "kube-system", "efs-csi-controller-sa");
    driver.addManagedPolicy(
        ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonEFSCSIDriverPolicy"));
    Suppressions.suppress(
        driver,
        "IAM4",
        "The EFS CSI driver's documented policy (AmazonEFSCSIDriverPolicy) scopes its access-point"
            + " actions by the driver's own tags.");
    CfnAddon.Builder.create(this, "EfsCsiDriver")
        .clusterName(cluster.cluster().getClusterName())
        .addonName("aws-efs-csi-driver")
        .serviceAccountRoleArn(driver.getRoleArn())
        .resolveConflicts("OVERWRITE")
        .build();
  }

  /** The file system; the chart's StorageClass names its id. */
  public FileSystem fileSystem() {
    return fileSystem;
  }
}
