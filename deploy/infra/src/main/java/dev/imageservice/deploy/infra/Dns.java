package dev.imageservice.deploy.infra;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.constructs.Construct;

/**
 * The environment's DNS: its Route53 public zone (the one named in the environment file, or a new
 * one whose name servers the parent domain's owner delegates to) and the ACM certificate of the
 * ALB's origin name, validated by DNS records in that zone (CloudFormation waits until ACM has
 * issued it). external-dns (in the cluster) keeps {@code origin.<domain>} pointing at the ALB that
 * the Load Balancer Controller creates; CloudFront's origin is that name. Viewers reach CloudFront
 * on the environment's domain itself, with its own certificate, which CloudFront accepts only from
 * us-east-1: the stack is deployed there (synthesis refuses another region).
 */
final class Dns extends Construct {

  private final IHostedZone zone;
  private final Certificate originCertificate;
  private final Certificate viewerCertificate;

  Dns(Construct scope, String id, Site site) {
    super(scope, id);
    zone =
        site.existingZone()
            .map(
                zoneId ->
                    HostedZone.fromHostedZoneAttributes(
                        this,
                        "Zone",
                        HostedZoneAttributes.builder()
                            .hostedZoneId(zoneId)
                            .zoneName(site.domain())
                            .build()))
            .orElseGet(
                () ->
                    HostedZone.Builder.create(this, "Zone")
                        .zoneName(site.domain())
                        .comment("image-service: external-dns keeps origin." + site.domain())
                        .build());
    originCertificate =
        Certificate.Builder.create(this, "OriginCertificate")
            .domainName(site.originDomainName())
            .subjectAlternativeNames(List.of(site.domain()))
            .validation(CertificateValidation.fromDns(zone))
            .build();
    String region = Stack.of(this).getRegion();
    if (!Token.isUnresolved(region) && !region.equals("us-east-1")) {
      throw new IllegalStateException(
          "CloudFront takes its viewer certificate only from us-east-1; the stack is in "
              + region
              + ": deploy it with CDK_DEFAULT_REGION=us-east-1");
    }
    viewerCertificate =
        Certificate.Builder.create(this, "ViewerCertificate")
            .domainName(site.domain())
            .validation(CertificateValidation.fromDns(zone))
            .build();
  }

  /** CloudFront's certificate for the environment's domain (us-east-1). */
  Certificate viewerCertificate() {
    return viewerCertificate;
  }

  /** The public zone of the environment's domain. */
  IHostedZone zone() {
    return zone;
  }

  /** The ALB's certificate ({@code origin.<domain>}). */
  Certificate originCertificate() {
    return originCertificate;
  }
}
