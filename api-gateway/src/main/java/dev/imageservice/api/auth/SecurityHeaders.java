package dev.imageservice.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The headers every response of the public port carries: {@code nosniff}, no framing ({@code
 * X-Frame-Options: DENY} and CSP {@code frame-ancestors 'none'}), {@code Referrer-Policy:
 * no-referrer} (thumbnail links must not leak through Referer), {@code Cache-Control: no-store}
 * (responses carry signed links and tenants' data), the CSP, and HSTS on HTTPS.
 */
final class SecurityHeaders {

  private SecurityHeaders() {}

  static void configure(
      HeadersConfigurer<HttpSecurity> headers, String consolePolicy, Duration hstsMaxAge) {
    RequestMatcher swaggerUi = r -> r.getServletPath().startsWith("/swagger-ui");
    headers
        .contentTypeOptions(c -> {})
        .frameOptions(f -> f.deny())
        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
        .cacheControl(c -> {})
        .httpStrictTransportSecurity(
            h ->
                h.requestMatcher(SecurityHeaders::arrivedOverHttps)
                    .maxAgeInSeconds(hstsMaxAge.toSeconds())
                    .includeSubDomains(true))
        .addHeaderWriter(
            new DelegatingRequestMatcherHeaderWriter(
                swaggerUi,
                new StaticHeadersWriter(
                    "Content-Security-Policy", ContentSecurityPolicy.SWAGGER_UI)))
        .addHeaderWriter(
            new DelegatingRequestMatcherHeaderWriter(
                r -> !swaggerUi.matches(r),
                new StaticHeadersWriter("Content-Security-Policy", consolePolicy)));
  }

  /**
   * HTTPS here or at the edge. The scheme headers are only read to decide on HSTS (harmless when
   * forged); the client's address never comes from a header this way.
   */
  static boolean arrivedOverHttps(HttpServletRequest request) {
    return request.isSecure()
        || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))
        || "https".equalsIgnoreCase(request.getHeader("CloudFront-Forwarded-Proto"));
  }
}
