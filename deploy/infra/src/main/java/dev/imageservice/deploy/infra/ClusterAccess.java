package dev.imageservice.deploy.infra;

import java.util.List;
import software.amazon.awscdk.services.eks_v2.AccessPolicy;
import software.amazon.awscdk.services.eks_v2.AccessPolicyNameOptions;
import software.amazon.awscdk.services.eks_v2.AccessScopeType;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.constructs.Construct;

/**
 * Who may use the cluster's API: EKS access entries (not the aws-auth ConfigMap) for the CI deploy
 * role (helm upgrade, add-on installs) and the operators' admin role, both from the environment's
 * file. Without them only the identity that created the cluster could reach it, and CloudFormation
 * is that identity.
 */
final class ClusterAccess {

  /** The AWS-managed access policy both roles get (cluster-wide). */
  static final String ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";

  private ClusterAccess() {}

  static void grant(Construct scope, Cluster cluster, Site site) {
    var admin =
        List.of(
            AccessPolicy.fromAccessPolicyName(
                ADMIN_POLICY,
                AccessPolicyNameOptions.builder()
                    .accessScopeType(AccessScopeType.CLUSTER)
                    .build()));
    cluster.grantAccess("DeployRoleAccess", site.deployRoleArn(), admin);
    cluster.grantAccess("AdminRoleAccess", site.adminRoleArn(), admin);
  }
}
