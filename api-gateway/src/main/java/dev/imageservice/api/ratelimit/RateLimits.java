package dev.imageservice.api.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The API's two limits, named: a tenant's requests and a client's failed authentications. The
 * response headers follow the IETF RateLimit header fields draft. Thread-safe.
 */
@Component
public class RateLimits {

  private final RateLimiter limiter;
  private final RateLimitProperties properties;
  private final ClientAddresses clients;

  RateLimits(RateLimiter limiter, RateLimitProperties properties, ClientAddresses clients) {
    this.limiter = limiter;
    this.properties = properties;
    this.clients = clients;
  }

  /** Takes one of the tenant's requests. */
  public Decision tenantRequest(String tenant) {
    return properties.enabled()
        ? limiter.take("tenant:" + tenant, properties.tenantRequests())
        : Decision.unlimited(properties.tenantRequests());
  }

  /** Counts one failed authentication of the request's client. */
  public Decision failedAuthentication(HttpServletRequest request) {
    return properties.enabled()
        ? limiter.take("auth-failure:" + clients.of(request), properties.failedAuthentications())
        : Decision.unlimited(properties.failedAuthentications());
  }

  /** Writes the RateLimit headers, and {@code Retry-After} when the request is refused. */
  public static void writeHeaders(Decision decision, HttpServletResponse response) {
    response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
    response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
    response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    if (!decision.allowed()) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
    }
  }
}
