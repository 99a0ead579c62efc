package dev.imageservice.deploy.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What a first deployment into an empty account needs from the stack, each the blocker it once was:
 * exported bucket names, someone able to reach the cluster, endpoints off the NAT, gp3 nodes,
 * alarms that reach a person, and an ECR registry the environments can pull from.
 */
class StackReadinessTest {

  static List<EnvironmentSettings> environments() {
    return EnvironmentSettings.all();
  }

  private static Template template(EnvironmentSettings env) {
    return SynthesizedApp.template(env.name());
  }

  @ParameterizedTest
  @MethodSource("environments")
  void bucketNamesAreExportedForTheValuesGeneration(EnvironmentSettings env) {
    Map<String, Map<String, Object>> outputs = template(env).findOutputs("*");
    for (String id : List.of("ImagesBucket", "ThumbnailsBucket", "ClusterName", "TopicArn")) {
      assertThat(outputs.get(id))
          .as(id)
          .containsEntry("Export", Map.of("Name", env.stackName() + ":" + id));
    }
    assertThat(outputs.get("ImagesBucket").get("Value"))
        .isEqualTo(Map.of("Ref", TemplateQueries.dataBucket(template(env), "images/")));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void theDeployAndAdminRolesHaveClusterAdminAccessEntries(EnvironmentSettings env) {
    for (String role : List.of(env.site().deployRoleArn(), env.site().adminRoleArn())) {
      template(env)
          .hasResourceProperties(
              "AWS::EKS::AccessEntry",
              Match.objectLike(
                  Map.of(
                      "PrincipalArn",
                      role,
                      "AccessPolicies",
                      List.of(
                          Match.objectLike(
                              Map.of(
                                  "AccessScope",
                                  Map.of("Type", "cluster"),
                                  "PolicyArn",
                                  Match.objectLike(
                                      Map.of(
                                          "Fn::Join",
                                          Match.arrayWith(
                                              List.of(
                                                  Match.arrayWith(
                                                      List.of(
                                                          Match.stringLikeRegexp(
                                                              ".*/"
                                                                  + ClusterAccess
                                                                      .ADMIN_POLICY)))))))))))));
    }
  }

  @ParameterizedTest
  @MethodSource("environments")
  void theApiEndpointAdmitsOnlyTheConfiguredCidrs(EnvironmentSettings env) {
    Template template = template(env);
    template.hasResourceProperties(
        "AWS::EKS::Cluster",
        Match.objectLike(
            Map.of(
                "ResourcesVpcConfig",
                Match.objectLike(
                    Map.of(
                        "EndpointPublicAccess",
                        true,
                        "EndpointPrivateAccess",
                        true,
                        "PublicAccessCidrs",
                        env.clusterAdminCidrs())))));
    assertThat(env.clusterAdminCidrs()).noneMatch(c -> c.startsWith("203.0.113."));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void awsTrafficUsesVpcEndpointsNotTheNatGateways(EnvironmentSettings env) {
    Template template = template(env);
    template.hasResourceProperties(
        "AWS::EC2::VPCEndpoint",
        Match.objectLike(
            Map.of(
                "VpcEndpointType",
                "Gateway",
                "ServiceName",
                Match.objectLike(
                    Map.of(
                        "Fn::Join",
                        Match.arrayWith(
                            List.of(
                                Match.arrayWith(List.of(Match.stringLikeRegexp("\\.s3"))))))))));
    List<String> interfaces =
        template
            .findResources(
                "AWS::EC2::VPCEndpoint",
                Map.of("Properties", Match.objectLike(Map.of("VpcEndpointType", "Interface"))))
            .values()
            .stream()
            .map(r -> r.get("Properties").toString())
            .collect(Collectors.toList());
    for (String service :
        List.of(".sqs", ".sns", ".sts", ".ecr.api", ".ecr.dkr", ".secretsmanager", ".logs")) {
      assertThat(interfaces).as(service).anyMatch(p -> p.contains(service));
    }
    template.hasResourceProperties(
        "AWS::EC2::VPCEndpoint",
        Match.objectLike(Map.of("VpcEndpointType", "Interface", "PrivateDnsEnabled", true)));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void nodesUseGp3RootVolumesAndImdsV2WithOneHop(EnvironmentSettings env) {
    template(env)
        .hasResourceProperties(
            "AWS::EC2::LaunchTemplate",
            Match.objectLike(
                Map.of(
                    "LaunchTemplateData",
                    Match.objectLike(
                        Map.of(
                            "BlockDeviceMappings",
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Ebs",
                                        Match.objectLike(
                                            Map.of("VolumeType", "gp3", "Encrypted", true))))),
                            "MetadataOptions",
                            Match.objectLike(
                                Map.of(
                                    "HttpTokens", "required", "HttpPutResponseHopLimit", 1)))))));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void alarmsReachAPersonThroughTheEncryptedTopic(EnvironmentSettings env) {
    Template template = template(env);
    template.hasResourceProperties(
        "AWS::KMS::Key",
        Match.objectLike(
            Map.of(
                "KeyPolicy",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Principal",
                                        Map.of("Service", "cloudwatch.amazonaws.com"),
                                        "Action",
                                        List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))))));
    String alarms =
        TemplateQueries.logicalId(
            template, "AWS::SNS::Topic", Map.of("TopicName", "image-service-alarms-" + env.name()));
    template.hasResourceProperties(
        "AWS::SNS::Subscription",
        Map.of(
            "Protocol",
            "email",
            "Endpoint",
            env.site().alarmEmail(),
            "TopicArn",
            Map.of("Ref", alarms)));
  }

  @org.junit.jupiter.api.Test
  void theRegistryScansOnPushAndLetsEveryEnvironmentAccountPull() {
    InfraApp.Assembly assembly = SynthesizedApp.assembly();
    software.amazon.awscdk.Stack registry =
        (software.amazon.awscdk.Stack) assembly.app().getNode().findChild("ImageService-registry");
    Template template = Template.fromStack(registry);
    template.resourceCountIs("AWS::ECR::Repository", Registry.REPOSITORIES.size());
    for (String name : Registry.REPOSITORIES) {
      template.hasResourceProperties(
          "AWS::ECR::Repository",
          Match.objectLike(
              Map.of(
                  "RepositoryName",
                  name,
                  "ImageScanningConfiguration",
                  Map.of("ScanOnPush", true),
                  "ImageTagMutability",
                  "IMMUTABLE")));
    }
    String policies = template.findResources("AWS::ECR::Repository").toString();
    for (EnvironmentSettings env : EnvironmentSettings.all()) {
      assertThat(policies).contains(env.site().account());
    }
  }
}
