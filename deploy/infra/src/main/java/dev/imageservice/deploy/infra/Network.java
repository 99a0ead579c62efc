package dev.imageservice.deploy.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC of the deployment diagram: public subnets (the ALB that the AWS Load Balancer Controller
 * creates, NAT gateways) and private subnets (EKS worker nodes, RDS, OpenSearch) in two AZs, with
 * flow logs to an encrypted CloudWatch log group.
 */
public final class Network extends Construct {

  /** Subnet tag that lets the AWS Load Balancer Controller place internet-facing ALBs. */
  public static final String PUBLIC_ELB_TAG = "kubernetes.io/role/elb";

  private final Vpc vpc;

  Network(Construct scope, String id, EnvironmentSettings settings, IKey key) {
    super(scope, id);
    vpc =
        Vpc.Builder.create(this, "Vpc")
            .ipAddresses(IpAddresses.cidr(settings.vpcCidr()))
            .maxAzs(2)
            .natGateways(settings.natGateways())
            .subnetConfiguration(
                List.of(
                    subnet("public", SubnetType.PUBLIC, 24),
                    subnet("private", SubnetType.PRIVATE_WITH_EGRESS, 19)))
            .build();
    LogGroup flowLogs =
        LogGroup.Builder.create(this, "FlowLogs")
            .retention(RetentionDays.ONE_YEAR)
            .encryptionKey(key)
            .removalPolicy(settings.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
            .build();
    vpc.addFlowLog(
        "FlowLog",
        FlowLogOptions.builder()
            .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
            .trafficType(FlowLogTrafficType.ALL)
            .build());
    for (ISubnet subnet : vpc.getPublicSubnets()) {
      Tags.of(subnet).add(PUBLIC_ELB_TAG, "1");
    }
    for (ISubnet subnet : vpc.getPrivateSubnets()) {
      Tags.of(subnet).add("kubernetes.io/role/internal-elb", "1");
    }
  }

  /** The VPC. */
  public Vpc vpc() {
    return vpc;
  }

  /** The private subnets (nodes, database, search). */
  public SubnetSelection privateSubnets() {
    return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
  }

  private static SubnetConfiguration subnet(String name, SubnetType type, int mask) {
    return SubnetConfiguration.builder().name(name).subnetType(type).cidrMask(mask).build();
  }
}
