package dev.imageservice.worker.system;

import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * The worker's S3 calls go through the shared {@code s3} guard ({@link
 * dev.imageservice.common.resilience.GuardConfiguration}), which retries; the SDK's own retries are
 * switched off here so that there is one retry layer, not two.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfig {

  @Bean
  S3ClientCustomizer singleRetryLayer() {
    return builder -> {
      ClientOverrideConfiguration current = builder.overrideConfiguration();
      builder.overrideConfiguration(
          current.toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
    };
  }
}
