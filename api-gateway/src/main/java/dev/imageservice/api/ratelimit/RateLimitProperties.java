package dev.imageservice.api.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Request limits, shared by every API replica through PostgreSQL (token buckets).
 *
 * @param enabled whether limits apply at all (default true)
 * @param tenantRequests each tenant's requests (default a burst of 200, then 50 per second)
 * @param failedAuthentications each client's requests with an unknown key (default a burst of 20,
 *     then one every 5 seconds); past it the client gets 429 before its key is even looked up
 * @param trustCloudFrontViewerAddress identify a client by CloudFront's {@code
 *     CloudFront-Viewer-Address} header (default false: by the connection's peer address). Only set
 *     it when the API can be reached through CloudFront alone; {@code X-Forwarded-For} is never
 *     trusted, since any client can write it
 */
@Validated
@ConfigurationProperties("image-service.rate-limit")
public record RateLimitProperties(
    Boolean enabled,
    @Valid Limit tenantRequests,
    @Valid Limit failedAuthentications,
    boolean trustCloudFrontViewerAddress) {

  public RateLimitProperties {
    enabled = enabled == null || enabled;
    tenantRequests = tenantRequests == null ? new Limit(200, 50) : tenantRequests;
    failedAuthentications =
        failedAuthentications == null ? new Limit(20, 0.2) : failedAuthentications;
  }

  /**
   * One token bucket's shape.
   *
   * @param burst how many requests may come at once (the bucket's size)
   * @param perSecond how fast the bucket refills, in requests per second
   */
  public record Limit(@Min(1) int burst, @DecimalMin("0.001") double perSecond) {}
}
