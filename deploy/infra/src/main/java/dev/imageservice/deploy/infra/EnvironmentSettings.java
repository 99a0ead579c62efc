package dev.imageservice.deploy.infra;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-environment settings of one {@link ImageServiceStack}: everything that differs between
 * dev, staging and prod is here, so the stacks themselves are one code path. Immutable.
 *
 * @param name environment name, used in resource names ({@code images-bucket-prod})
 * @param vpcCidr the VPC's address range
 * @param natGateways NAT gateways (one per AZ in prod, one shared elsewhere)
 * @param nodeInstanceType EC2 instance type of the EKS managed node group
 * @param nodeMin minimum worker nodes
 * @param nodeMax maximum worker nodes
 * @param databaseInstanceType RDS instance class (without the {@code db.} prefix)
 * @param databaseMultiAz whether RDS runs a standby in a second AZ
 * @param searchInstanceType OpenSearch data node type
 * @param searchDataNodes OpenSearch data nodes (even, spread over two AZs when above one)
 * @param searchDedicatedMasters whether OpenSearch runs three dedicated master nodes
 * @param cloudFrontPrefixListId the region's managed prefix list {@code
 *     com.amazonaws.global.cloudfront.origin-facing}: the only sources the ALB accepts
 * @param retainData whether buckets, keys and the database survive a stack deletion
 * @param site what a person decided for this environment (domain, account, CIDRs, roles), from
 *     {@code deploy/environments/<env>.json}
 */
public record EnvironmentSettings(
    String name,
    String vpcCidr,
    int natGateways,
    String nodeInstanceType,
    int nodeMin,
    int nodeMax,
    String databaseInstanceType,
    boolean databaseMultiAz,
    String searchInstanceType,
    int searchDataNodes,
    boolean searchDedicatedMasters,
    String cloudFrontPrefixListId,
    boolean retainData,
    Site site) {

  /** The Kubernetes namespace both services run in. */
  public static final String NAMESPACE = "image-service";

  // us-east-1's id of com.amazonaws.global.cloudfront.origin-facing; set per region when moving.
  private static final String CLOUDFRONT_ORIGIN_FACING_US_EAST_1 = "pl-3b927c52";

  /** Development: smallest footprint, one NAT gateway, data not retained. */
  public static EnvironmentSettings dev(Site site) {
    return new EnvironmentSettings(
        "dev",
        "10.10.0.0/16",
        1,
        "m6i.large",
        2,
        4,
        "t4g.medium",
        false,
        "t3.medium.search",
        1,
        false,
        CLOUDFRONT_ORIGIN_FACING_US_EAST_1,
        false,
        site);
  }

  /** Staging: production-shaped (multi-AZ database, two search nodes), smaller instances. */
  public static EnvironmentSettings staging(Site site) {
    return new EnvironmentSettings(
        "staging",
        "10.20.0.0/16",
        1,
        "m6i.large",
        3,
        6,
        "r6g.large",
        true,
        "r6g.large.search",
        2,
        false,
        CLOUDFRONT_ORIGIN_FACING_US_EAST_1,
        true,
        site);
  }

  /** Production: a NAT gateway per AZ, multi-AZ database, dedicated search masters. */
  public static EnvironmentSettings prod(Site site) {
    return new EnvironmentSettings(
        "prod",
        "10.30.0.0/16",
        2,
        "m6i.xlarge",
        3,
        12,
        "r6g.xlarge",
        true,
        "r6g.large.search",
        2,
        true,
        CLOUDFRONT_ORIGIN_FACING_US_EAST_1,
        true,
        site);
  }

  /**
   * The environments that have their file ({@code deploy/environments/<env>.json}), in promotion
   * order: an account that hosts only prod synthesises only prod.
   */
  public static List<EnvironmentSettings> all() {
    List<EnvironmentSettings> all = new ArrayList<>();
    Site.load("dev").map(EnvironmentSettings::dev).ifPresent(all::add);
    Site.load("staging").map(EnvironmentSettings::staging).ifPresent(all::add);
    Site.load("prod").map(EnvironmentSettings::prod).ifPresent(all::add);
    return List.copyOf(all);
  }

  /**
   * DNS name of the ALB that CloudFront uses as its origin: the AWS Load Balancer Controller
   * creates the ALB from the chart's Ingress and external-dns publishes it under this name.
   */
  public String originDomainName() {
    return site.originDomainName();
  }

  /** CIDRs allowed to reach the EKS API endpoint (CI runners, VPN). */
  public List<String> clusterAdminCidrs() {
    return site.clusterAdminCidrs();
  }

  /** The stack's name in CloudFormation, {@code ImageService-prod}. */
  public String stackName() {
    return "ImageService-" + name;
  }
}
