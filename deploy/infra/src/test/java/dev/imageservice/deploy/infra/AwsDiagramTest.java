package dev.imageservice.deploy.infra;

import static dev.imageservice.deploy.infra.TemplateQueries.allows;
import static dev.imageservice.deploy.infra.TemplateQueries.assertRolePolicy;
import static dev.imageservice.deploy.infra.TemplateQueries.getAtt;
import static dev.imageservice.deploy.infra.TemplateQueries.logicalId;
import static dev.imageservice.deploy.infra.TemplateQueries.nodeSecurityGroup;
import static dev.imageservice.deploy.infra.TemplateQueries.objectsOf;
import static dev.imageservice.deploy.infra.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Every arrow of the AWS deployment diagram (shared/design/seed-deployment.md) exists in every
 * environment's template, as the security group rule, IAM policy or encryption setting that makes
 * it real.
 */
class AwsDiagramTest {

  static List<EnvironmentSettings> environments() {
    return EnvironmentSettings.all();
  }

  @ParameterizedTest
  @MethodSource("environments")
  void internetReachesCloudFrontOverHttpsOnly(EnvironmentSettings env) {
    template(env)
        .hasResourceProperties(
            "AWS::CloudFront::Distribution",
            Match.objectLike(
                Map.of(
                    "DistributionConfig",
                    Match.objectLike(
                        Map.of(
                            "Enabled",
                            true,
                            "DefaultCacheBehavior",
                            Match.objectLike(
                                Map.of("ViewerProtocolPolicy", "redirect-to-https")))))));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void cloudFrontForwardsToTheAlbOverHttpsAndTheAlbAcceptsOnlyCloudFront(EnvironmentSettings env) {
    Template template = template(env);
    template.hasResourceProperties(
        "AWS::CloudFront::Distribution",
        Match.objectLike(
            Map.of(
                "DistributionConfig",
                Match.objectLike(
                    Map.of(
                        "Origins",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "DomainName",
                                        env.originDomainName(),
                                        "CustomOriginConfig",
                                        Match.objectLike(
                                            Map.of("OriginProtocolPolicy", "https-only")))))))))));
    String alb = albSecurityGroup(template);
    template.hasResourceProperties(
        "AWS::EC2::SecurityGroupIngress",
        Map.of(
            "GroupId",
            getAtt(alb, "GroupId"),
            "SourcePrefixListId",
            env.cloudFrontPrefixListId(),
            "FromPort",
            443,
            "ToPort",
            443,
            "IpProtocol",
            "tcp",
            "Description",
            Match.anyValue()));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void albLivesInThePublicSubnetsWithTheNatGateway(EnvironmentSettings env) {
    Template template = template(env);
    Map<String, Map<String, Object>> publicSubnets =
        template.findResources(
            "AWS::EC2::Subnet",
            Map.of("Properties", Match.objectLike(Map.of("MapPublicIpOnLaunch", true))));
    assertThat(publicSubnets).hasSize(2);
    for (String subnet : publicSubnets.keySet()) {
      template.hasResource(
          "AWS::EC2::Subnet",
          Match.objectLike(
              Map.of(
                  "Properties",
                  Match.objectLike(
                      Map.of(
                          "Tags",
                          Match.arrayWith(
                              List.of(Map.of("Key", Network.PUBLIC_ELB_TAG, "Value", "1"))))))));
      assertThat(subnet).isNotBlank();
    }
    Map<String, Map<String, Object>> nats = template.findResources("AWS::EC2::NatGateway");
    assertThat(nats).hasSize(env.natGateways());
    nats.values()
        .forEach(
            nat ->
                assertThat(publicSubnets.keySet())
                    .contains(subnetRef(((Map<?, ?>) nat.get("Properties")).get("SubnetId"))));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void albReachesTheEksNodesOnTheApiPortOnly(EnvironmentSettings env) {
    Template template = template(env);
    String alb = albSecurityGroup(template);
    template.hasResourceProperties(
        "AWS::EC2::SecurityGroupIngress",
        Match.objectLike(
            Map.of(
                "GroupId",
                nodeSecurityGroup(template),
                "SourceSecurityGroupId",
                getAtt(alb, "GroupId"),
                "FromPort",
                Edge.API_PORT,
                "ToPort",
                Edge.API_PORT)));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void eksNodesAndRdsRunInThePrivateSubnets(EnvironmentSettings env) {
    Template template = template(env);
    List<Object> privateSubnets = privateSubnetRefs(template);
    template.hasResourceProperties(
        "AWS::EKS::Nodegroup", Match.objectLike(Map.of("Subnets", privateSubnets)));
    template.hasResourceProperties(
        "AWS::RDS::DBSubnetGroup", Match.objectLike(Map.of("SubnetIds", privateSubnets)));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void eksNodesReachRdsOnPostgresPortOnly(EnvironmentSettings env) {
    Template template = template(env);
    template.hasResourceProperties(
        "AWS::EC2::SecurityGroup",
        Match.objectLike(
            Map.of(
                "GroupDescription",
                Match.stringLikeRegexp("RDS PostgreSQL.*"),
                "SecurityGroupIngress",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "SourceSecurityGroupId", nodeSecurityGroup(template),
                            "FromPort", Database.PORT,
                            "ToPort", Database.PORT))))));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void eksWorkloadsReachTheBucketsThroughLeastPrivilegeIrsaRoles(EnvironmentSettings env) {
    Template template = template(env);
    String images = TemplateQueries.dataBucket(template, "images/");
    String thumbnails = TemplateQueries.dataBucket(template, "thumbnails/");
    String api = irsaRole(template, "image-service:" + WorkloadRoles.API_SERVICE_ACCOUNT);
    String worker = irsaRole(template, "image-service:" + WorkloadRoles.WORKER_SERVICE_ACCOUNT);
    assertRolePolicy(
        template,
        api,
        allows(List.of("s3:PutObject", "s3:DeleteObject"), objectsOf(images)),
        // Deletion removes a deleted job's thumbnails; the worker replaces superseded ones.
        allows(List.of("s3:GetObject", "s3:DeleteObject"), objectsOf(thumbnails)),
        allows("sns:Publish", Match.anyValue()));
    assertRolePolicy(
        template,
        worker,
        allows("s3:GetObject", objectsOf(images)),
        allows(List.of("s3:PutObject", "s3:DeleteObject"), objectsOf(thumbnails)),
        allows(
            Match.arrayWith(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage")), Match.anyValue()),
        allows("sns:Publish", Match.anyValue()));
    assertThat(workloadActions(template)).isNotEmpty().noneMatch(action -> action.contains("*"));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void eksShipsLogsToOpenSearchInsideTheVpc(EnvironmentSettings env) {
    Template template = template(env);
    String domain =
        template.findResources("AWS::OpenSearchService::Domain").keySet().iterator().next();
    template.hasResourceProperties(
        "AWS::EC2::SecurityGroup",
        Match.objectLike(
            Map.of(
                "GroupDescription",
                Match.stringLikeRegexp("OpenSearch.*"),
                "SecurityGroupIngress",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "SourceSecurityGroupId",
                            nodeSecurityGroup(template),
                            "FromPort",
                            443))))));
    String api = irsaRole(template, "image-service:" + WorkloadRoles.API_SERVICE_ACCOUNT);
    assertRolePolicy(
        template,
        api,
        allows(
            List.of("es:ESHttpPost", "es:ESHttpPut"),
            Map.of("Fn::Join", List.of("", List.of(getAtt(domain, "Arn"), "/*")))));
    template.hasResourceProperties(
        "AWS::OpenSearchService::Domain",
        Match.objectLike(
            Map.of(
                "VPCOptions", Match.objectLike(Map.of("SubnetIds", Match.anyValue())),
                "NodeToNodeEncryptionOptions", Map.of("Enabled", true))));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void bucketsDatabaseAndSearchAreEncryptedWithTheCustomerManagedKey(EnvironmentSettings env) {
    Template template = template(env);
    String key = template.findResources("AWS::KMS::Key").keySet().iterator().next();
    template.hasResourceProperties(
        "AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
    for (String name : List.of("images/", "thumbnails/")) {
      template.hasResourceProperties(
          "AWS::S3::Bucket",
          Match.objectLike(
              Map.of(
                  "LoggingConfiguration",
                  Match.objectLike(Map.of("LogFilePrefix", name)),
                  "BucketEncryption",
                  Map.of(
                      "ServerSideEncryptionConfiguration",
                      List.of(
                          Match.objectLike(
                              Map.of(
                                  "ServerSideEncryptionByDefault",
                                  Map.of(
                                      "SSEAlgorithm",
                                      "aws:kms",
                                      "KMSMasterKeyID",
                                      getAtt(key, "Arn")))))))));
    }
    template.hasResourceProperties(
        "AWS::RDS::DBInstance",
        Match.objectLike(
            Map.of(
                "Engine", "postgres", "StorageEncrypted", true, "KmsKeyId", getAtt(key, "Arn"))));
    template.hasResourceProperties(
        "AWS::OpenSearchService::Domain",
        Match.objectLike(
            Map.of("EncryptionAtRestOptions", Map.of("Enabled", true, "KmsKeyId", ref(key)))));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void podsReachTheImageCacheFileSystemOverNfsAndItIsEncrypted(EnvironmentSettings env) {
    Template template = template(env);
    String key = template.findResources("AWS::KMS::Key").keySet().iterator().next();
    template.hasResourceProperties(
        "AWS::EFS::FileSystem",
        Match.objectLike(Map.of("Encrypted", true, "KmsKeyId", getAtt(key, "Arn"))));
    template.hasResourceProperties(
        "AWS::EC2::SecurityGroup",
        Match.objectLike(
            Map.of(
                "GroupDescription",
                Match.stringLikeRegexp("EFS image cache.*"),
                "SecurityGroupIngress",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "SourceSecurityGroupId",
                            nodeSecurityGroup(template),
                            "FromPort",
                            2049))))));
    template.hasResourceProperties(
        "AWS::EKS::Addon", Match.objectLike(Map.of("AddonName", "aws-efs-csi-driver")));
  }

  private static Template template(EnvironmentSettings env) {
    return SynthesizedApp.template(env.name());
  }

  private static String albSecurityGroup(Template template) {
    return logicalId(
        template,
        "AWS::EC2::SecurityGroup",
        Map.of("GroupDescription", Match.stringLikeRegexp("ALB:.*")));
  }

  private static String irsaRole(Template template, String namespaceAndAccount) {
    return IrsaTrust.roleFor(template, namespaceAndAccount);
  }

  // Every action granted by the IRSA roles' policies.
  private static List<String> workloadActions(Template template) {
    return template.findResources("AWS::IAM::Policy").entrySet().stream()
        .filter(e -> e.getKey().startsWith("WorkloadRoles"))
        .map(e -> (Map<?, ?>) ((Map<?, ?>) e.getValue().get("Properties")).get("PolicyDocument"))
        .flatMap(doc -> ((List<?>) doc.get("Statement")).stream())
        .map(statement -> ((Map<?, ?>) statement).get("Action"))
        .flatMap(
            action -> action instanceof List<?> l ? l.stream() : java.util.stream.Stream.of(action))
        .map(String::valueOf)
        .toList();
  }

  private static String subnetRef(Object ref) {
    return String.valueOf(((Map<?, ?>) ref).get("Ref"));
  }

  private static List<Object> privateSubnetRefs(Template template) {
    return template
        .findResources(
            "AWS::EC2::Subnet",
            Map.of("Properties", Match.objectLike(Map.of("MapPublicIpOnLaunch", false))))
        .keySet()
        .stream()
        .sorted()
        .<Object>map(TemplateQueries::ref)
        .toList();
  }
}
