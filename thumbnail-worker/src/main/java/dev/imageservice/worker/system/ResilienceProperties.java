package dev.imageservice.worker.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker guards its S3 calls (reading originals, writing thumbnails): a short retry inside
 * the call, then a circuit breaker. Long waits are not made here but by the queue (see {@code
 * image-service.worker.redelivery}): an exhausted retry fails the message, which comes back later.
 * The same names as the api-gateway's {@code image-service.resilience}, so operators tune both
 * alike.
 *
 * @param maxAttempts calls per operation, the first included (default 3); the S3 client's own
 *     retries are switched off, so this is the only retry layer
 * @param retryWait wait before the first retry, doubled for each further one (default 200 ms)
 * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
 *     (default 50)
 * @param slidingWindowSize how many recent calls the failure rate is computed over (default 20)
 * @param minimumCalls calls needed in the window before the rate is judged (default 10)
 * @param openStateWait how long an open circuit refuses calls before it lets a few probes through
 *     (default 10 s)
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

  // Unset values arrive as null or 0; both mean "default".
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
