package dev.imageservice.api.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Health contributor {@code s3}, part of the readiness group: {@code HeadBucket} on the images
 * bucket with a short timeout, so that a replica that cannot store uploads is taken out of the load
 * balancer instead of answering 503s. It calls S3 directly, not through the circuit breaker, so
 * that it sees recovery even while the circuit is open. Thread-safe.
 */
@Component("s3HealthIndicator")
class S3HealthIndicator implements HealthIndicator {

  private final S3Client s3;
  private final StorageProperties properties;

  S3HealthIndicator(S3Client s3, StorageProperties properties) {
    this.s3 = s3;
    this.properties = properties;
  }

  @Override
  public Health health() {
    try {
      s3.headBucket(
          request ->
              request
                  .bucket(properties.imagesBucket())
                  .overrideConfiguration(
                      c ->
                          c.apiCallTimeout(properties.healthTimeout())
                              .apiCallAttemptTimeout(properties.healthTimeout())));
      return Health.up().withDetail("bucket", properties.imagesBucket()).build();
    } catch (SdkException e) {
      // Details (with the exception) are shown only where management.endpoint.health.show-details
      // allows it, never to the public.
      return Health.down(e).withDetail("bucket", properties.imagesBucket()).build();
    }
  }
}
