package dev.imageservice.deploy.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.opensearchservice.CapacityConfig;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.amazon.awscdk.services.opensearchservice.EbsOptions;
import software.amazon.awscdk.services.opensearchservice.EncryptionAtRestOptions;
import software.amazon.awscdk.services.opensearchservice.EngineVersion;
import software.amazon.awscdk.services.opensearchservice.LoggingOptions;
import software.amazon.awscdk.services.opensearchservice.TLSSecurityPolicy;
import software.amazon.awscdk.services.opensearchservice.ZoneAwarenessConfig;
import software.constructs.Construct;

/**
 * The diagram's OpenSearch Service: a VPC-only domain in the private subnets, encrypted at rest
 * with the customer-managed key and node to node, HTTPS only, receiving the pods' JSON logs from
 * their fluent-bit sidecars (SigV4-signed with the pods' IRSA roles).
 */
public final class LogSearch extends Construct {

  private final Domain domain;
  private final SecurityGroup securityGroup;

  LogSearch(Construct scope, String id, EnvironmentSettings settings, Network network, IKey key) {
    super(scope, id);
    securityGroup =
        SecurityGroup.Builder.create(this, "SecurityGroup")
            .vpc(network.vpc())
            .description("OpenSearch: HTTPS from the EKS nodes only")
            .allowAllOutbound(false)
            .build();
    boolean multiAz = settings.searchDataNodes() > 1;
    CapacityConfig.Builder capacity =
        CapacityConfig.builder()
            .dataNodes(settings.searchDataNodes())
            .dataNodeInstanceType(settings.searchInstanceType())
            .multiAzWithStandbyEnabled(false);
    if (settings.searchDedicatedMasters()) {
      capacity.masterNodes(3).masterNodeInstanceType("m6g.large.search");
    }
    domain =
        Domain.Builder.create(this, "Domain")
            .domainName("image-service-logs-" + settings.name())
            .version(EngineVersion.OPENSEARCH_2_19)
            .vpc(network.vpc())
            .vpcSubnets(List.of(subnets(network, multiAz)))
            .securityGroups(List.<ISecurityGroup>of(securityGroup))
            .capacity(capacity.build())
            .zoneAwareness(
                ZoneAwarenessConfig.builder()
                    .enabled(multiAz)
                    .availabilityZoneCount(multiAz ? 2 : null)
                    .build())
            .ebs(EbsOptions.builder().volumeSize(100).build())
            .encryptionAtRest(EncryptionAtRestOptions.builder().enabled(true).kmsKey(key).build())
            .nodeToNodeEncryption(true)
            .enforceHttps(true)
            .tlsSecurityPolicy(TLSSecurityPolicy.TLS_1_2)
            .logging(
                LoggingOptions.builder()
                    .slowSearchLogEnabled(true)
                    .slowIndexLogEnabled(true)
                    .appLogEnabled(true)
                    .build())
            .removalPolicy(settings.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
            .build();
    Suppressions.suppress(
        domain,
        "OS3",
        "VPC-only domain behind a security group that admits the EKS nodes only; writes are"
            + " authorised per IAM principal (the pods' IRSA roles), stricter than an IP allow-list.");
    Suppressions.suppress(
        domain,
        "IAM5",
        "CDK's helper that lets OpenSearch publish its slow/app logs calls"
            + " logs:PutResourcePolicy, which has no resource-level permissions.",
        "Resource::*");
    if (!settings.searchDedicatedMasters()) {
      Suppressions.suppress(domain, "OS4", "Dedicated masters only in prod (cost).");
    }
    if (!multiAz) {
      Suppressions.suppress(domain, "OS7", "Single-node log domain in dev (cost).");
    }
  }

  /**
   * Lets principals write documents into the domain (its resource policy; their own IAM policy must
   * allow it too).
   *
   * @param writers the IRSA roles of the pods whose sidecars ship logs
   */
  void allowWriters(List<IPrincipal> writers) {
    domain.addAccessPolicies(
        PolicyStatement.Builder.create()
            .principals(writers)
            .actions(List.of("es:ESHttpPost", "es:ESHttpPut"))
            .resources(List.of(domain.getDomainArn() + "/*"))
            .build());
  }

  private static SubnetSelection subnets(Network network, boolean multiAz) {
    return multiAz
        ? network.privateSubnets()
        : SubnetSelection.builder()
            .subnets(List.of(network.vpc().getPrivateSubnets().getFirst()))
            .build();
  }

  /** The domain. */
  public Domain domain() {
    return domain;
  }

  /** The domain's security group (HTTPS from the nodes only). */
  public SecurityGroup securityGroup() {
    return securityGroup;
  }
}
