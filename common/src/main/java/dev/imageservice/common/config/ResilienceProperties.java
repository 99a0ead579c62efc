package dev.imageservice.common.config;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.function.Predicate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How both services guard their outbound calls (S3, the outbox relay's SNS publish): each
 * dependency gets its own retry and circuit breaker built from these settings, under the same names
 * in both services so that operators tune them alike. Long waits are not made here: the API answers
 * 503 with {@code Retry-After}, the worker leaves the message to the queue's redelivery.
 *
 * @param maxAttempts calls per operation, the first included (default 3); the worker switches the
 *     S3 client's own retries off so that this is its only retry layer
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

  /**
   * A count-based circuit breaker that opens on the failures {@code transientFailure} accepts (a
   * refused request is the caller's fault, not the dependency's) and half-opens on the next call
   * after {@link #openStateWait()}, so a quiet service needs no timer for it.
   */
  public CircuitBreakerConfig circuitBreakerConfig(Predicate<Throwable> transientFailure) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(slidingWindowSize)
        .minimumNumberOfCalls(minimumCalls)
        .failureRateThreshold(failureRateThreshold)
        .waitDurationInOpenState(openStateWait)
        .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .recordException(transientFailure)
        .build();
  }

  /**
   * Retries of the failures {@code transientFailure} accepts, waits doubling from {@link
   * #retryWait()}.
   */
  public RetryConfig retryConfig(Predicate<Throwable> transientFailure) {
    return RetryConfig.custom()
        .maxAttempts(maxAttempts)
        .intervalFunction(IntervalFunction.ofExponentialBackoff(retryWait, 2.0))
        .retryOnException(transientFailure)
        .build();
  }
}
