package dev.imageservice.worker.system;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A retry around a circuit breaker around calls to one dependency. Transient failures (endpoint
 * unreachable, timeout, 5xx, throttling) are retried and counted by the breaker; other errors (a
 * missing key, a missing bucket) pass through at once, as the SDK threw them. While the circuit is
 * open, calls fail fast with a retryable {@link TransientFailureException} without touching the
 * dependency. Thread-safe.
 */
public final class OutboundGuard {

  /** Qualifier of the guard around the S3 buckets. */
  public static final String S3 = "s3";

  /** Qualifier of the guard around the SNS topic (the worker's outbox relay). */
  public static final String SNS = "sns";

  private final Retry retry;
  private final CircuitBreaker circuitBreaker;

  OutboundGuard(Retry retry, CircuitBreaker circuitBreaker) {
    this.retry = retry;
    this.circuitBreaker = circuitBreaker;
  }

  /** Whether a failure is worth retrying and says something about the dependency's health. */
  public static boolean isTransient(Throwable e) {
    return e instanceof SdkClientException
        || (e instanceof AwsServiceException aws
            && (aws.statusCode() >= 500 || aws.isThrottlingException()));
  }

  /**
   * Runs the call under retry and circuit breaker.
   *
   * @throws TransientFailureException when the circuit is open
   */
  public <T> T call(Supplier<T> call) {
    // The breaker sits inside the retry so that it sees every attempt, and an open circuit
    // (not transient by isTransient) is not retried.
    try {
      return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call))
          .get();
    } catch (CallNotPermittedException e) {
      throw new TransientFailureException(
          "circuit breaker " + circuitBreaker.getName() + " is open", e);
    }
  }

  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }
}
