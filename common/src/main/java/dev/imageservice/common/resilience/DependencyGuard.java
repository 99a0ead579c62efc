package dev.imageservice.common.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A retry inside a circuit breaker around calls to one dependency, the same for both services.
 * Transient failures (the endpoint unreachable, a timeout, a 5xx, throttling) are retried and
 * counted by the breaker; other errors pass through at once. While the circuit is open, calls fail
 * fast with {@link CallNotPermittedException} without touching the dependency. Thread-safe.
 */
public final class DependencyGuard {

  /** Qualifier of the guard around the S3 buckets. */
  public static final String S3 = "s3";

  /** Qualifier of the guard around the SNS topic (the outbox relay's publishes). */
  public static final String SNS = "sns";

  private final Retry retry;
  private final CircuitBreaker circuitBreaker;
  private final Duration openStateWait;

  DependencyGuard(Retry retry, CircuitBreaker circuitBreaker, Duration openStateWait) {
    this.retry = retry;
    this.circuitBreaker = circuitBreaker;
    this.openStateWait = openStateWait;
  }

  /** Whether a failure is worth retrying and says something about the dependency's health. */
  public static boolean isTransient(Throwable e) {
    return e instanceof SdkClientException
        || (e instanceof AwsServiceException aws
            && (aws.statusCode() >= 500 || aws.isThrottlingException()));
  }

  public <T> T call(Supplier<T> call) {
    // The breaker sits inside the retry so that it sees every attempt, and an open circuit
    // (CallNotPermittedException, not transient) is not retried.
    return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call))
        .get();
  }

  public void run(Runnable call) {
    call(
        () -> {
          call.run();
          return null;
        });
  }

  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  /** How long an open circuit stays open: what a refused client should wait. */
  public Duration openStateWait() {
    return openStateWait;
  }
}
