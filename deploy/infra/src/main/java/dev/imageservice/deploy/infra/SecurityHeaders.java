package dev.imageservice.deploy.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.constructs.Construct;

/**
 * The security headers CloudFront adds to every response, the API's, the console's, errors and
 * thumbnails alike: HSTS (two years, subdomains), {@code nosniff}, {@code X-Frame-Options: DENY},
 * {@code Referrer-Policy: no-referrer} (links carry signatures that must not leak through Referer),
 * and a CSP close to the application's. These override the origin's values, except the CSP: the API
 * sets a more precise one for the console and that one wins; CloudFront's covers what the origin
 * sends without one (thumbnails, error pages of the edge). Stateless.
 */
final class SecurityHeaders {

  /** The fallback CSP: this origin only (thumbnails come from it too), no framing, no plugins. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static ResponseHeadersPolicy policy(Construct scope, String id, EnvironmentSettings settings) {
    return ResponseHeadersPolicy.Builder.create(scope, id)
        .comment("image-service " + settings.name() + " security headers")
        .securityHeadersBehavior(
            ResponseSecurityHeadersBehavior.builder()
                .strictTransportSecurity(
                    ResponseHeadersStrictTransportSecurity.builder()
                        .accessControlMaxAge(Duration.days(730))
                        .includeSubdomains(true)
                        .override(true)
                        .build())
                .contentTypeOptions(
                    ResponseHeadersContentTypeOptions.builder().override(true).build())
                .frameOptions(
                    ResponseHeadersFrameOptions.builder()
                        .frameOption(HeadersFrameOption.DENY)
                        .override(true)
                        .build())
                .referrerPolicy(
                    ResponseHeadersReferrerPolicy.builder()
                        .referrerPolicy(HeadersReferrerPolicy.NO_REFERRER)
                        .override(true)
                        .build())
                .contentSecurityPolicy(
                    ResponseHeadersContentSecurityPolicy.builder()
                        .contentSecurityPolicy(CONTENT_SECURITY_POLICY)
                        .override(false)
                        .build())
                .build())
        .build();
  }
}
