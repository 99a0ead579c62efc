package dev.imageservice.deploy.infra;

import static dev.imageservice.deploy.infra.TemplateQueries.getAtt;
import static dev.imageservice.deploy.infra.TemplateQueries.logicalId;
import static dev.imageservice.deploy.infra.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The edge lets nothing through unsigned or around it: thumbnails only with a CloudFront signature
 * from the trusted key group (the private key only in Secrets Manager), security headers on every
 * response, the ALB reachable only with CloudFront's secret origin header (the listener rule is the
 * chart's Ingress, see deploy/helm IngressOriginCheckTest), and nodes that keep pods away from the
 * instance metadata.
 */
class EdgeSecurityTest {

  static List<EnvironmentSettings> environments() {
    return EnvironmentSettings.all();
  }

  @ParameterizedTest
  @MethodSource("environments")
  void thumbnailsAreServedOnlyWithASignatureFromTheTrustedKeyGroup(EnvironmentSettings env) {
    Template template = template(env);
    String publicKey =
        logicalId(
            template,
            "AWS::CloudFront::PublicKey",
            Map.of(
                "PublicKeyConfig",
                Match.objectLike(Map.of("EncodedKey", SynthesizedApp.publicKeyPem(env.name())))));
    String keyGroup =
        logicalId(
            template,
            "AWS::CloudFront::KeyGroup",
            Map.of("KeyGroupConfig", Match.objectLike(Map.of("Items", List.of(ref(publicKey))))));
    Map<String, Object> config = distributionConfig(template);
    List<?> behaviours = (List<?>) config.get("CacheBehaviors");
    assertThat(behaviours).hasSize(1);
    Map<?, ?> thumbnails = (Map<?, ?>) behaviours.getFirst();
    assertThat(thumbnails.get("PathPattern")).isEqualTo("/thumbnails/*");
    assertThat(thumbnails.get("TrustedKeyGroups")).isEqualTo(List.of(ref(keyGroup)));
    Map<?, ?> defaults = (Map<?, ?>) config.get("DefaultCacheBehavior");
    assertThat(defaults.get("TargetOriginId"))
        .as("the default behaviour goes to the ALB, not the bucket")
        .isNotEqualTo(thumbnails.get("TargetOriginId"));
    String cachePolicy = String.valueOf(((Map<?, ?>) thumbnails.get("CachePolicyId")).get("Ref"));
    Map<?, ?> policy =
        (Map<?, ?>)
            ((Map<?, ?>)
                    template
                        .findResources("AWS::CloudFront::CachePolicy")
                        .get(cachePolicy)
                        .get("Properties"))
                .get("CachePolicyConfig");
    assertThat(((Number) policy.get("MaxTTL")).longValue())
        .as("edge copies live no longer than a link")
        .isLessThanOrEqualTo(ThumbnailSigning.LINK_LIFETIME.toSeconds().longValue());
  }

  @ParameterizedTest
  @MethodSource("environments")
  void theSigningPrivateKeyLivesOnlyInSecretsManagerForTheExternalSecretsOperator(
      EnvironmentSettings env) throws Exception {
    Template template = template(env);
    String secret =
        logicalId(
            template,
            "AWS::SecretsManager::Secret",
            Map.of("Name", "image-service/" + env.name() + "/thumbnail-signing-key"));
    String reader = IrsaTrust.roleFor(template, "external-secrets:external-secrets");
    TemplateQueries.assertRolePolicy(
        template,
        reader,
        TemplateQueries.allows(
            List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
            Match.arrayWith(List.of(ref(secret)))));
    template.hasOutput("ThumbnailSigningKeyId", Match.anyValue());
    String json =
        Files.readString(
            Path.of(SynthesizedApp.assembly().app().getOutdir())
                .resolve(env.stackName() + ".template.json"));
    assertThat(json).doesNotContain("PRIVATE KEY");
  }

  @ParameterizedTest
  @MethodSource("environments")
  void everyBehaviourAddsTheSecurityHeaders(EnvironmentSettings env) {
    Template template = template(env);
    String headers =
        logicalId(
            template,
            "AWS::CloudFront::ResponseHeadersPolicy",
            Map.of(
                "ResponseHeadersPolicyConfig",
                Match.objectLike(
                    Map.of(
                        "SecurityHeadersConfig",
                        Map.of(
                            "StrictTransportSecurity",
                            Map.of(
                                "AccessControlMaxAgeSec",
                                63072000,
                                "IncludeSubdomains",
                                true,
                                "Override",
                                true),
                            "ContentTypeOptions",
                            Map.of("Override", true),
                            "FrameOptions",
                            Map.of("FrameOption", "DENY", "Override", true),
                            "ReferrerPolicy",
                            Map.of("ReferrerPolicy", "no-referrer", "Override", true),
                            "ContentSecurityPolicy",
                            Map.of(
                                "ContentSecurityPolicy",
                                Match.stringLikeRegexp(
                                    "^default-src 'self';.*frame-ancestors 'none'.*"),
                                "Override",
                                false))))));
    Map<String, Object> config = distributionConfig(template);
    assertThat(((Map<?, ?>) config.get("DefaultCacheBehavior")).get("ResponseHeadersPolicyId"))
        .isEqualTo(ref(headers));
    for (Object behaviour : (List<?>) config.get("CacheBehaviors")) {
      assertThat(((Map<?, ?>) behaviour).get("ResponseHeadersPolicyId")).isEqualTo(ref(headers));
    }
  }

  @ParameterizedTest
  @MethodSource("environments")
  void cloudFrontSendsTheSecretOriginHeaderFromSecretsManagerToTheAlb(EnvironmentSettings env) {
    Template template = template(env);
    String secret =
        logicalId(
            template,
            "AWS::SecretsManager::Secret",
            Map.of("Name", "image-service/" + env.name() + "/origin-verify"));
    Map<?, ?> alb =
        ((List<?>) distributionConfig(template).get("Origins"))
            .stream()
                .map(o -> (Map<?, ?>) o)
                .filter(o -> env.originDomainName().equals(o.get("DomainName")))
                .findFirst()
                .orElseThrow();
    List<?> headers = (List<?>) alb.get("OriginCustomHeaders");
    assertThat(headers).hasSize(1);
    Map<?, ?> header = (Map<?, ?>) headers.getFirst();
    assertThat(header.get("HeaderName")).isEqualTo(Edge.ORIGIN_VERIFY_HEADER);
    assertThat(String.valueOf(header.get("HeaderValue")))
        .as("a dynamic reference resolved at deploy time, not a value in the template")
        .contains("{{resolve:secretsmanager:", secret);
    template.hasOutput("OriginVerifySecretArn", Map.of("Value", ref(secret)));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void nodesRequireImdsV2WithOneHopSoPodsCannotReachTheNodeRole(EnvironmentSettings env) {
    Template template = template(env);
    String launchTemplate =
        logicalId(
            template,
            "AWS::EC2::LaunchTemplate",
            Map.of(
                "LaunchTemplateData",
                Match.objectLike(
                    Map.of(
                        "MetadataOptions",
                        Match.objectLike(
                            Map.of("HttpTokens", "required", "HttpPutResponseHopLimit", 1))))));
    template.hasResourceProperties(
        "AWS::EKS::Nodegroup",
        Match.objectLike(
            Map.of(
                "LaunchTemplate",
                Map.of(
                    "Id",
                    ref(launchTemplate),
                    "Version",
                    getAtt(launchTemplate, "LatestVersionNumber")))));
    assertThat(template.findResources("AWS::EKS::Nodegroup")).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("environments")
  void theVpcCniEnforcesTheChartsNetworkPolicies(EnvironmentSettings env) {
    template(env)
        .hasResourceProperties(
            "AWS::EKS::Addon",
            Match.objectLike(
                Map.of(
                    "AddonName",
                    "vpc-cni",
                    "ConfigurationValues",
                    Match.serializedJson(
                        Match.objectLike(Map.of("enableNetworkPolicy", "true"))))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> distributionConfig(Template template) {
    Map<String, Map<String, Object>> distributions =
        template.findResources("AWS::CloudFront::Distribution");
    assertThat(distributions).hasSize(1);
    Map<String, Object> props =
        (Map<String, Object>) distributions.values().iterator().next().get("Properties");
    return (Map<String, Object>) props.get("DistributionConfig");
  }

  private static Template template(EnvironmentSettings env) {
    return SynthesizedApp.template(env.name());
  }

  @ParameterizedTest
  @MethodSource("environments")
  void viewersReachCloudFrontOnTheEnvironmentsDomainWithItsOwnCertificate(EnvironmentSettings env) {
    Template template = SynthesizedApp.template(env.name());
    String domain = env.site().domain();
    String certificate =
        logicalId(template, "AWS::CertificateManager::Certificate", Map.of("DomainName", domain));
    String distribution = logicalId(template, "AWS::CloudFront::Distribution", Map.of());
    template.hasResourceProperties(
        "AWS::CloudFront::Distribution",
        Match.objectLike(
            Map.of(
                "DistributionConfig",
                Match.objectLike(
                    Map.of(
                        "Aliases",
                        List.of(domain),
                        "ViewerCertificate",
                        Match.objectLike(
                            Map.of(
                                "AcmCertificateArn",
                                ref(certificate),
                                "MinimumProtocolVersion",
                                "TLSv1.2_2021",
                                "SslSupportMethod",
                                "sni-only")))))));
    for (String type : List.of("A", "AAAA")) {
      template.hasResourceProperties(
          "AWS::Route53::RecordSet",
          Match.objectLike(
              Map.of(
                  "Name",
                  domain + ".",
                  "Type",
                  type,
                  "AliasTarget",
                  Match.objectLike(Map.of("DNSName", getAtt(distribution, "DomainName"))))));
    }
  }

  @Test
  void theViewerCertificateIsRefusedOutsideUsEast1BecauseCloudFrontReadsItOnlyThere() {
    Site site = EnvironmentSettings.all().getFirst().site();
    Stack elsewhere =
        new Stack(
            new App(),
            "Elsewhere",
            StackProps.builder()
                .env(Environment.builder().account(site.account()).region("eu-west-1").build())
                .build());
    assertThatThrownBy(() -> new Dns(elsewhere, "Dns", site))
        .hasMessageContaining("us-east-1")
        .hasMessageContaining("eu-west-1");
  }
}
