package dev.imageservice.deploy.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginSslPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.AaaaRecord;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.CloudFrontTarget;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Internet → CloudFront → ALB → EKS. The ALB itself is created by the AWS Load Balancer Controller
 * from the chart's Ingress (internet-facing, in the public subnets tagged {@value
 * Network#PUBLIC_ELB_TAG}); this construct owns what it is wired with: its security group (HTTPS
 * from CloudFront's origin-facing prefix list only, to the nodes on the API port only), the node
 * ingress rule from it, the secret origin header that CloudFront adds and the Ingress's listener
 * rule requires (anything else gets 403), and the CloudFront distribution: its default origin is
 * the ALB's DNS name, and its {@code /thumbnails/*} behaviour reads the thumbnails bucket through
 * origin access control and serves only signed URLs ({@link ThumbnailSigning}'s trusted key group).
 * Both behaviours add the security headers of {@link SecurityHeaders}.
 */
public final class Edge extends Construct {

  /** The api-gateway's container port, which the ALB targets (target type ip). */
  public static final int API_PORT = 8080;

  /** The header CloudFront adds to every origin request; the ALB forwards only requests with it. */
  public static final String ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

  private final SecurityGroup albSecurityGroup;
  private final Distribution distribution;
  private final Secret originVerify;
  private final ThumbnailSigning signing;

  Edge(Construct scope, String id, EnvironmentSettings settings, Network network, Parts parts) {
    super(scope, id);
    albSecurityGroup =
        SecurityGroup.Builder.create(this, "AlbSecurityGroup")
            .vpc(network.vpc())
            .description("ALB: HTTPS from CloudFront only; to the API pods only")
            .allowAllOutbound(false)
            .build();
    albSecurityGroup.addIngressRule(
        Peer.prefixList(settings.cloudFrontPrefixListId()),
        Port.tcp(443),
        "CloudFront origin-facing");
    albSecurityGroup.addEgressRule(
        Peer.securityGroupId(parts.nodeSecurityGroupId()), Port.tcp(API_PORT), "API pods");
    CfnSecurityGroupIngress.Builder.create(this, "NodesFromAlb")
        .groupId(parts.nodeSecurityGroupId())
        .sourceSecurityGroupId(albSecurityGroup.getSecurityGroupId())
        .ipProtocol("tcp")
        .fromPort(API_PORT)
        .toPort(API_PORT)
        .description("ALB to api-gateway pods")
        .build();

    // The prefix list admits every CloudFront distribution, anyone's; this value is ours alone.
    originVerify =
        Secret.Builder.create(this, "OriginVerify")
            .secretName("image-service/" + settings.name() + "/origin-verify")
            .description(
                "Value of the "
                    + ORIGIN_VERIFY_HEADER
                    + " header CloudFront sends to the ALB; the Ingress's listener rule requires"
                    + " it (set by the deploy workflow)")
            .encryptionKey(parts.key())
            .generateSecretString(
                SecretStringGenerator.builder().excludePunctuation(true).passwordLength(48).build())
            .build();
    Suppressions.suppress(
        originVerify,
        "SMG4",
        "Rotated by a stack update plus a chart deploy (CloudFront and the ALB rule change"
            + " together); a Lambda rotation could not update both atomically.");
    signing = new ThumbnailSigning(this, "ThumbnailSigning", settings, parts.key());
    ResponseHeadersPolicy headers = SecurityHeaders.policy(this, "SecurityHeaders", settings);

    Function stripPrefix =
        Function.Builder.create(this, "StripThumbnailsPrefix")
            .runtime(FunctionRuntime.JS_2_0)
            .comment("/thumbnails/{tenant}/{job}/{preset}.{ext} -> bucket key")
            .code(
                FunctionCode.fromInline(
                    "function handler(event) { var r = event.request;"
                        + " r.uri = r.uri.replace(/^\\/thumbnails/, ''); return r; }"))
            .build();
    distribution =
        Distribution.Builder.create(this, "Distribution")
            .comment("image-service " + settings.name())
            .defaultBehavior(
                BehaviorOptions.builder()
                    .origin(
                        HttpOrigin.Builder.create(settings.originDomainName())
                            .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                            .originSslProtocols(List.of(OriginSslPolicy.TLS_V1_2))
                            .customHeaders(
                                Map.of(
                                    ORIGIN_VERIFY_HEADER,
                                    // A dynamic reference: resolved by CloudFormation at deploy
                                    // time, never written into the template.
                                    originVerify.getSecretValue().unsafeUnwrap()))
                            .build())
                    .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                    .allowedMethods(AllowedMethods.ALLOW_ALL)
                    .cachePolicy(CachePolicy.CACHING_DISABLED)
                    .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                    .responseHeadersPolicy(headers)
                    .build())
            .additionalBehaviors(
                Map.of(
                    "/thumbnails/*",
                    BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(parts.thumbnails()))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .trustedKeyGroups(List.of(signing.keyGroup()))
                        .cachePolicy(signing.cachePolicy())
                        .responseHeadersPolicy(headers)
                        .functionAssociations(
                            List.of(
                                FunctionAssociation.builder()
                                    .function(stripPrefix)
                                    .eventType(FunctionEventType.VIEWER_REQUEST)
                                    .build()))
                        .build()))
            .enableLogging(true)
            .logBucket(parts.logs())
            .logFilePrefix("cloudfront/")
            .domainNames(List.of(settings.site().domain()))
            .certificate(parts.viewerCertificate())
            .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021)
            .priceClass(PriceClass.PRICE_CLASS_100)
            .httpVersion(HttpVersion.HTTP2_AND_3)
            .build();
    Suppressions.suppress(
        distribution, "CFR1", "Images are served worldwide; no geo restriction is wanted.");
    Suppressions.suppress(
        distribution,
        "CFR2",
        "A WAF web ACL for CloudFront must live in us-east-1 and is managed by the platform"
            + " team's edge stack; the API additionally requires an API key on every call.");
    // The public name: https://<domain> is CloudFront (A and AAAA alias records in the zone).
    RecordTarget target = RecordTarget.fromAlias(new CloudFrontTarget(distribution));
    ARecord.Builder.create(this, "PublicName").zone(parts.zone()).target(target).build();
    AaaaRecord.Builder.create(this, "PublicNameV6").zone(parts.zone()).target(target).build();
  }

  /**
   * The ALB's security group; the Ingress names it in {@code
   * alb.ingress.kubernetes.io/security-groups}.
   */
  public SecurityGroup albSecurityGroup() {
    return albSecurityGroup;
  }

  /** The CloudFront distribution. */
  public Distribution distribution() {
    return distribution;
  }

  /** The secret value of {@link #ORIGIN_VERIFY_HEADER}, read by the deploy workflow. */
  public Secret originVerify() {
    return originVerify;
  }

  /** The thumbnails' signing key group and the secret holding its private key. */
  public ThumbnailSigning signing() {
    return signing;
  }

  /**
   * What the edge is wired to.
   *
   * @param nodeSecurityGroupId the EKS nodes' security group
   * @param thumbnails the thumbnails bucket (read by CloudFront through OAC)
   * @param logs the log bucket (CloudFront standard logs)
   * @param key the customer-managed key that encrypts the edge's secrets
   * @param zone the environment's public zone (the alias records of the domain)
   * @param viewerCertificate the domain's certificate in us-east-1
   */
  public record Parts(
      String nodeSecurityGroupId,
      software.amazon.awscdk.services.s3.IBucket thumbnails,
      software.amazon.awscdk.services.s3.IBucket logs,
      IKey key,
      IHostedZone zone,
      software.amazon.awscdk.services.certificatemanager.ICertificate viewerCertificate) {}
}
