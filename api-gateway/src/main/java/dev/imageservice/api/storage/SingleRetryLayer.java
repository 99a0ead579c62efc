package dev.imageservice.api.storage;

import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * The API's S3 writes go through the shared {@code s3} guard ({@link
 * dev.imageservice.common.resilience.DependencyGuard}), which retries; the SDK's own retries are
 * switched off so that there is one retry layer, not two stacked (3 x 3 calls, and a 503 that comes
 * nine back-offs late). The readiness probe's bucket check needs no retry either: the next probe is
 * its retry.
 */
@Configuration(proxyBeanMethods = false)
class SingleRetryLayer {

  @Bean
  S3ClientCustomizer s3WithoutSdkRetries() {
    return builder -> {
      ClientOverrideConfiguration current = builder.overrideConfiguration();
      builder.overrideConfiguration(
          current.toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
    };
  }
}
