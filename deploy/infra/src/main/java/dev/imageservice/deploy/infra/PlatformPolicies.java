package dev.imageservice.deploy.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;

/**
 * The least-privilege policies of the platform add-ons' IRSA roles (issue 18). Mutating actions are
 * confined by resource or by the tags the controllers put on what they create, so that a controller
 * cannot touch another cluster's (or a person's) load balancers, records or instances;
 * describe/list calls have no resource-level permissions in IAM and stay on {@code *}.
 */
final class PlatformPolicies {

  private PlatformPolicies() {}

  /**
   * AWS Load Balancer Controller: ALBs, target groups and their security groups of this cluster.
   */
  static void loadBalancerController(Role role, String clusterName) {
    role.addToPolicy(
        allow(
            List.of(
                "ec2:DescribeAccountAttributes",
                "ec2:DescribeAddresses",
                "ec2:DescribeAvailabilityZones",
                "ec2:DescribeInternetGateways",
                "ec2:DescribeVpcs",
                "ec2:DescribeSubnets",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeInstances",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeTags",
                "ec2:DescribeCoipPools",
                "ec2:GetCoipPoolUsage",
                "ec2:DescribeRouteTables",
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeListenerCertificates",
                "elasticloadbalancing:DescribeListenerAttributes",
                "elasticloadbalancing:DescribeSSLPolicies",
                "elasticloadbalancing:DescribeRules",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetGroupAttributes",
                "elasticloadbalancing:DescribeTargetHealth",
                "elasticloadbalancing:DescribeTags",
                "elasticloadbalancing:DescribeTrustStores",
                "acm:ListCertificates",
                "acm:DescribeCertificate",
                "wafv2:GetWebACLForResource",
                "shield:GetSubscriptionState"),
            "*"));
    // Creation is allowed only when the request tags the resource with this cluster ...
    Map<String, Object> requestTagged =
        Map.of("StringEquals", Map.of("aws:RequestTag/elbv2.k8s.aws/cluster", clusterName));
    role.addToPolicy(
        conditioned(
            List.of(
                "ec2:CreateSecurityGroup",
                "elasticloadbalancing:CreateLoadBalancer",
                "elasticloadbalancing:CreateTargetGroup",
                "elasticloadbalancing:AddTags",
                "ec2:CreateTags"),
            requestTagged));
    // ... and changes only on resources that carry that tag.
    Map<String, Object> resourceTagged =
        Map.of("StringEquals", Map.of("aws:ResourceTag/elbv2.k8s.aws/cluster", clusterName));
    role.addToPolicy(
        conditioned(
            List.of(
                "ec2:AuthorizeSecurityGroupIngress",
                "ec2:RevokeSecurityGroupIngress",
                "ec2:DeleteSecurityGroup",
                "ec2:DeleteTags",
                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:SetIpAddressType",
                "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets",
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:DeleteTargetGroup",
                "elasticloadbalancing:RemoveTags",
                "elasticloadbalancing:RegisterTargets",
                "elasticloadbalancing:DeregisterTargets",
                "elasticloadbalancing:CreateListener",
                "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:CreateRule",
                "elasticloadbalancing:DeleteRule",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:ModifyRule",
                "elasticloadbalancing:ModifyListenerAttributes",
                "elasticloadbalancing:AddListenerCertificates",
                "elasticloadbalancing:RemoveListenerCertificates"),
            resourceTagged));
    // The chart's ALB uses the stack's own security group (AlbSecurityGroupId): the controller
    // adds the backend rule to the node group's security group, which it did not create.
    role.addToPolicy(
        allow(List.of("ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"), "*"));
    role.addToPolicy(
        conditioned(
            List.of("iam:CreateServiceLinkedRole"),
            Map.of(
                "StringEquals",
                Map.of("iam:AWSServiceName", "elasticloadbalancing.amazonaws.com"))));
  }

  /** external-dns: records in the environment's zone only. */
  static void externalDns(Role role, String hostedZoneArn) {
    role.addToPolicy(allow(List.of("route53:ChangeResourceRecordSets"), hostedZoneArn));
    role.addToPolicy(
        allow(
            List.of("route53:ListResourceRecordSets", "route53:ListTagsForResource"),
            hostedZoneArn));
    role.addToPolicy(allow(List.of("route53:ListHostedZones"), "*"));
  }

  /** Karpenter: instances and launch templates it tags for its NodePools, the node role only. */
  static void karpenter(Role role, Karpenter.Refs refs) {
    role.addToPolicy(
        allow(
            List.of(
                "ec2:DescribeAvailabilityZones",
                "ec2:DescribeImages",
                "ec2:DescribeInstances",
                "ec2:DescribeInstanceTypeOfferings",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplates",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSpotPriceHistory",
                "ec2:DescribeSubnets",
                "pricing:GetProducts"),
            "*"));
    role.addToPolicy(
        conditioned(
            List.of(
                "ec2:RunInstances",
                "ec2:CreateFleet",
                "ec2:CreateLaunchTemplate",
                "ec2:CreateTags"),
            Map.of(
                "StringEquals",
                Map.of("aws:RequestTag/kubernetes.io/cluster/" + refs.clusterName(), "owned"))));
    // RunInstances/CreateFleet also name the images, subnets, security groups and launch
    // templates they use; those carry no request tags.
    role.addToPolicy(
        allow(
            List.of("ec2:RunInstances", "ec2:CreateFleet"),
            "arn:" + refs.partition() + ":ec2:" + refs.region() + "::image/*",
            "arn:" + refs.partition() + ":ec2:" + refs.region() + "::snapshot/*",
            "arn:" + refs.partition() + ":ec2:" + refs.region() + ":*:subnet/*",
            "arn:" + refs.partition() + ":ec2:" + refs.region() + ":*:security-group/*",
            "arn:" + refs.partition() + ":ec2:" + refs.region() + ":*:launch-template/*"));
    role.addToPolicy(
        conditioned(
            List.of("ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"),
            Map.of(
                "StringEquals",
                Map.of("aws:ResourceTag/kubernetes.io/cluster/" + refs.clusterName(), "owned"))));
    role.addToPolicy(allow(List.of("iam:PassRole"), refs.nodeRoleArn()));
    role.addToPolicy(
        allow(
            List.of(
                "iam:GetInstanceProfile",
                "iam:CreateInstanceProfile",
                "iam:TagInstanceProfile",
                "iam:AddRoleToInstanceProfile",
                "iam:RemoveRoleFromInstanceProfile",
                "iam:DeleteInstanceProfile"),
            "arn:" + refs.partition() + ":iam::" + refs.account() + ":instance-profile/*"));
    role.addToPolicy(allow(List.of("iam:ListInstanceProfiles"), "*"));
    role.addToPolicy(
        allow(
            List.of("ssm:GetParameter"),
            "arn:" + refs.partition() + ":ssm:" + refs.region() + "::parameter/aws/service/*"));
    role.addToPolicy(allow(List.of("eks:DescribeCluster"), refs.clusterArn()));
  }

  static PolicyStatement allow(List<String> actions, String... resources) {
    return PolicyStatement.Builder.create().actions(actions).resources(List.of(resources)).build();
  }

  private static PolicyStatement conditioned(List<String> actions, Map<String, Object> condition) {
    return PolicyStatement.Builder.create()
        .actions(actions)
        .resources(List.of("*"))
        .conditions(condition)
        .build();
  }
}
