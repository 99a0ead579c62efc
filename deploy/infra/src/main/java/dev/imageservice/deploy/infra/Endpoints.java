package dev.imageservice.deploy.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.constructs.Construct;

/**
 * VPC endpoints, so that the pods' AWS traffic stays off the NAT gateways (cost per GB, a
 * bottleneck at 100x load, and a path through the internet): S3 as a gateway endpoint (route
 * tables, free), and interface endpoints with private DNS for the other services the pods, the
 * nodes and the add-ons call. Interface endpoints accept HTTPS from the VPC's range only.
 */
final class Endpoints extends Construct {

  /** Interface endpoints by id: what each one carries. */
  static final Map<String, InterfaceVpcEndpointAwsService> INTERFACE =
      Map.of(
          "Sqs", InterfaceVpcEndpointAwsService.SQS, // worker polling, DLQ redrive, KEDA
          "Sns", InterfaceVpcEndpointAwsService.SNS, // outbox relay
          "Sts", InterfaceVpcEndpointAwsService.STS, // IRSA AssumeRoleWithWebIdentity
          "EcrApi", InterfaceVpcEndpointAwsService.ECR, // image pulls (auth, manifests)
          "EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER, // image pulls (layers via S3)
          "SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER, // External Secrets
          "Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS); // node and add-on logs

  Endpoints(Construct scope, String id, Network network) {
    super(scope, id);
    SubnetSelection privateSubnets =
        SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
    network
        .vpc()
        .addGatewayEndpoint(
            "S3",
            GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3)
                .subnets(List.of(privateSubnets))
                .build());
    INTERFACE.forEach(
        (name, service) -> {
          var endpoint =
              network
                  .vpc()
                  .addInterfaceEndpoint(
                      name,
                      InterfaceVpcEndpointOptions.builder()
                          .service(service)
                          .subnets(privateSubnets)
                          .privateDnsEnabled(true)
                          .open(true)
                          .build());
          // EC23 (no 0.0.0.0/0 ingress) cannot evaluate the VPC's CIDR token; the rule is the
          // VPC's own range on 443, which is what EC23 wants.
          NagSuppressions.addResourceSuppressions(
              endpoint,
              List.of(
                  NagPackSuppression.builder()
                      .id("CdkNagValidationFailure")
                      .reason("Ingress is the VPC's CIDR (a token) on 443, not 0.0.0.0/0.")
                      .build()),
              true);
        });
  }
}
