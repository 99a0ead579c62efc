package dev.imageservice.api.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The SQS client of the dead-letter redrive, built from the same region and credentials as the
 * other AWS clients (spring-cloud-aws); the API consumes no queue, so no listener infrastructure.
 */
@Configuration(proxyBeanMethods = false)
class AdminConfig {

  @Bean(destroyMethod = "close")
  SqsClient adminSqsClient(
      AdminProperties properties, AwsCredentialsProvider credentials, AwsRegionProvider region) {
    SqsClientBuilder builder =
        SqsClient.builder().credentialsProvider(credentials).region(region.getRegion());
    if (properties.sqsEndpoint() != null) {
      builder.endpointOverride(properties.sqsEndpoint());
    }
    return builder.build();
  }
}
