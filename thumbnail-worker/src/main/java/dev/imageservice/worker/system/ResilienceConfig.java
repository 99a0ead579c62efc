package dev.imageservice.worker.system;

import dev.imageservice.common.config.ResilienceProperties;
import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Builds the guards (retry and circuit breaker) of the S3 calls and of the outbox relay's SNS
 * publish from {@link ResilienceProperties}, and exports their state as metrics ({@code
 * resilience4j_circuitbreaker_state{name="s3"}}, ...).
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfig {

  @Bean
  CircuitBreakerRegistry circuitBreakerRegistry(
      ResilienceProperties properties, MeterRegistry meters) {
    CircuitBreakerConfig config = properties.circuitBreakerConfig(OutboundGuard::isTransient);
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    return registry;
  }

  @Bean
  RetryRegistry retryRegistry(ResilienceProperties properties, MeterRegistry meters) {
    RetryConfig config = properties.retryConfig(OutboundGuard::isTransient);
    RetryRegistry registry = RetryRegistry.of(config);
    TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
    return registry;
  }

  @Bean
  @Qualifier(OutboundGuard.S3)
  OutboundGuard s3Guard(CircuitBreakerRegistry breakers, RetryRegistry retries) {
    return new OutboundGuard(
        retries.retry(OutboundGuard.S3), breakers.circuitBreaker(OutboundGuard.S3));
  }

  @Bean
  @Qualifier(OutboundGuard.SNS)
  OutboundGuard snsGuard(CircuitBreakerRegistry breakers, RetryRegistry retries) {
    return new OutboundGuard(
        retries.retry(OutboundGuard.SNS), breakers.circuitBreaker(OutboundGuard.SNS));
  }

  /** One retry layer, not two: the guard retries, so the SDK's own retries are switched off. */
  @Bean
  S3ClientCustomizer singleRetryLayer() {
    return builder -> {
      ClientOverrideConfiguration current = builder.overrideConfiguration();
      builder.overrideConfiguration(
          current.toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
    };
  }
}
