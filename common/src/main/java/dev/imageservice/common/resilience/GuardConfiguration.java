package dev.imageservice.common.resilience;

import dev.imageservice.common.config.EventPublishingProperties;
import dev.imageservice.common.config.ResilienceProperties;
import dev.imageservice.common.outbox.EventPublisher;
import dev.imageservice.common.outbox.GuardedEventPublisher;
import dev.imageservice.common.outbox.SnsEventPublisher;
import dev.imageservice.common.trace.TraceContexts;
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
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the retry and circuit breaker of each outbound dependency from {@link
 * ResilienceProperties}, exports their state as metrics ({@code
 * resilience4j_circuitbreaker_state{name="s3"}}, ...), and puts the outbox relay's SNS publishes
 * behind the {@code sns} guard. Imported with the shared infrastructure by both services.
 */
@Configuration(proxyBeanMethods = false)
public class GuardConfiguration {

  @Bean
  CircuitBreakerRegistry circuitBreakerRegistry(
      ResilienceProperties properties, MeterRegistry meters) {
    CircuitBreakerConfig config = properties.circuitBreakerConfig(DependencyGuard::isTransient);
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    return registry;
  }

  @Bean
  RetryRegistry retryRegistry(ResilienceProperties properties, MeterRegistry meters) {
    RetryConfig config = properties.retryConfig(DependencyGuard::isTransient);
    RetryRegistry registry = RetryRegistry.of(config);
    TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
    return registry;
  }

  @Bean
  @Qualifier(DependencyGuard.S3)
  DependencyGuard s3Guard(
      CircuitBreakerRegistry breakers, RetryRegistry retries, ResilienceProperties properties) {
    return guard(DependencyGuard.S3, breakers, retries, properties);
  }

  @Bean
  @Qualifier(DependencyGuard.SNS)
  DependencyGuard snsGuard(
      CircuitBreakerRegistry breakers, RetryRegistry retries, ResilienceProperties properties) {
    return guard(DependencyGuard.SNS, breakers, retries, properties);
  }

  @Bean
  EventPublisher guardedEventPublisher(
      SnsClient sns,
      EventPublishingProperties properties,
      @Qualifier(DependencyGuard.SNS) DependencyGuard guard,
      MeterRegistry meters,
      TraceContexts traces) {
    return new GuardedEventPublisher(
        new SnsEventPublisher(sns, properties.topicArn(), traces), guard, meters);
  }

  private static DependencyGuard guard(
      String name,
      CircuitBreakerRegistry breakers,
      RetryRegistry retries,
      ResilienceProperties properties) {
    return new DependencyGuard(
        retries.retry(name), breakers.circuitBreaker(name), properties.openStateWait());
  }
}
