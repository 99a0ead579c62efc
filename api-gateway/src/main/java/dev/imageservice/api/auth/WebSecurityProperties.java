package dev.imageservice.api.auth;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Response-header settings of the edge.
 *
 * @param imageOrigins origins the console may show images from besides itself (the thumbnail links'
 *     origin: CloudFront's or S3's). Empty (the default) derives them from the S3 endpoint override
 *     or, in AWS, the thumbnails bucket's regional S3 host
 * @param hstsMaxAge {@code Strict-Transport-Security} max-age (default 365 days), sent on requests
 *     that arrived over HTTPS (directly, or as CloudFront or the load balancer says)
 */
@Validated
@ConfigurationProperties("image-service.security")
public record WebSecurityProperties(@NotNull List<URI> imageOrigins, Duration hstsMaxAge) {

  public WebSecurityProperties {
    imageOrigins = imageOrigins == null ? List.of() : List.copyOf(imageOrigins);
    hstsMaxAge = hstsMaxAge == null ? Duration.ofDays(365) : hstsMaxAge;
  }
}
