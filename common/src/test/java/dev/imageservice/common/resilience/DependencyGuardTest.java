package dev.imageservice.common.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.common.config.ResilienceProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.model.SnsException;

class DependencyGuardTest {

  private final ResilienceProperties properties =
      new ResilienceProperties(3, Duration.ofMillis(1), 50, 4, 4, Duration.ofSeconds(30), 1);
  private final DependencyGuard guard = guard();

  @Test
  void unreachableServerErrorsAndThrottlingAreTransientClientErrorsAreNot() {
    assertThat(DependencyGuard.isTransient(SdkClientException.create("connection refused")))
        .isTrue();
    assertThat(DependencyGuard.isTransient(SnsException.builder().statusCode(503).build()))
        .isTrue();
    assertThat(DependencyGuard.isTransient(SnsException.builder().statusCode(403).build()))
        .isFalse();
    assertThat(DependencyGuard.isTransient(new IllegalStateException())).isFalse();
  }

  @Test
  void aTransientFailureIsRetriedUntilTheCallSucceeds() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        guard.call(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw SdkClientException.create("blip");
              }
              return "stored";
            });

    assertThat(result).isEqualTo("stored");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aPermanentFailureIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                guard.run(
                    () -> {
                      calls.incrementAndGet();
                      throw SnsException.builder().statusCode(403).build();
                    }))
        .isInstanceOf(SnsException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void anOpenCircuitRefusesWithoutCallingTheDependency() {
    AtomicInteger calls = new AtomicInteger();
    Runnable down =
        () -> {
          calls.incrementAndGet();
          throw SdkClientException.create("down");
        };
    // Three attempts, then a fourth that fills the window of four at 100 % failures.
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> guard.run(down))
          .isInstanceOfAny(SdkClientException.class, CallNotPermittedException.class);
    }
    assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    int before = calls.get();

    assertThatThrownBy(() -> guard.run(down)).isInstanceOf(CallNotPermittedException.class);
    assertThat(calls).hasValue(before);
  }

  private DependencyGuard guard() {
    GuardConfiguration config = new GuardConfiguration();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    CircuitBreakerRegistry breakers = config.circuitBreakerRegistry(properties, meters);
    RetryRegistry retries = config.retryRegistry(properties, meters);
    return config.s3Guard(breakers, retries, properties);
  }
}
