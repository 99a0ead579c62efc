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
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.constructs.Construct;

/**
 * Internet → CloudFront → ALB → EKS. The ALB itself is created by the AWS Load Balancer Controller
 * from the chart's Ingress (internet-facing, in the public subnets tagged {@value
 * Network#PUBLIC_ELB_TAG}); this construct owns what it is wired with: its security group (HTTPS
 * from CloudFront's origin-facing prefix list only, to the nodes on the API port only), the node
 * ingress rule from it, and the CloudFront distribution whose default origin is the ALB's DNS name
 * and whose {@code /thumbnails/*} behaviour reads the thumbnails bucket through origin access
 * control.
 */
public final class Edge extends Construct {

  /** The api-gateway's container port, which the ALB targets (target type ip). */
  public static final int API_PORT = 8080;

  private final SecurityGroup albSecurityGroup;
  private final Distribution distribution;

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
                            .build())
                    .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                    .allowedMethods(AllowedMethods.ALLOW_ALL)
                    .cachePolicy(CachePolicy.CACHING_DISABLED)
                    .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                    .build())
            .additionalBehaviors(
                Map.of(
                    "/thumbnails/*",
                    BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(parts.thumbnails()))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
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
    Suppressions.suppress(
        distribution,
        "CFR4",
        "The default *.cloudfront.net certificate is used until the public domain's ACM"
            + " certificate exists; viewers are redirected to HTTPS.");
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

  /**
   * What the edge is wired to.
   *
   * @param nodeSecurityGroupId the EKS nodes' security group
   * @param thumbnails the thumbnails bucket (read by CloudFront through OAC)
   * @param logs the log bucket (CloudFront standard logs)
   */
  public record Parts(
      String nodeSecurityGroupId,
      software.amazon.awscdk.services.s3.IBucket thumbnails,
      software.amazon.awscdk.services.s3.IBucket logs) {}
}
