package dev.imageservice.api.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the API guards its outbound calls (the S3 put of an original, the SNS publish of the outbox
 * relay). Each dependency gets its own retry and circuit breaker built from these settings.
 *
 * @param maxAttempts calls per operation, the first included (default 3); on top of the SDK's own
 *     retries, so a short blip is absorbed before the caller sees it
 * @param retryWait wait before the first retry, doubled for each further one (default 200 ms)
 * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
 *     (default 50)
 * @param slidingWindowSize how many recent calls the failure rate is computed over (default 20)
 * @param minimumCalls calls needed in the window before the rate is judged (default 10)
 * @param openStateWait how long an open circuit refuses calls before it lets a few probes through
 *     (default 10 s); also the {@code Retry-After} of the 503 it causes
 * @param halfOpenCalls probe calls allowed while half-open (default 3)
 */
@Validated
@ConfigurationProperties("image-service.resilience")
public record ResilienceProperties(
    @Min(1) @Max(10) int maxAttempts,
    @NotNull Duration retryWait,
    @Min(1) @Max(100) int failureRateThreshold,
    @Min(1) int slidingWindowSize,
    @Min(1) int minimumCalls,
    @NotNull Duration openStateWait,
    @Min(1) int halfOpenCalls) {

  public ResilienceProperties {
    maxAttempts = maxAttempts == 0 ? 3 : maxAttempts;
    retryWait = retryWait == null ? Duration.ofMillis(200) : retryWait;
    failureRateThreshold = failureRateThreshold == 0 ? 50 : failureRateThreshold;
    slidingWindowSize = slidingWindowSize == 0 ? 20 : slidingWindowSize;
    minimumCalls = minimumCalls == 0 ? 10 : minimumCalls;
    openStateWait = openStateWait == null ? Duration.ofSeconds(10) : openStateWait;
    halfOpenCalls = halfOpenCalls == 0 ? 3 : halfOpenCalls;
  }
}
