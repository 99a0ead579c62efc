package dev.imageservice.api.webhook;

import dev.imageservice.api.job.JobViews;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.trace.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the webhooks: the endpoints' API, the durable dispatcher and, unless {@code
 * image-service.webhooks.enabled} is false, the consumer of completion events. The resolver is a
 * bean so that a test can make names resolve where it needs (a {@code @Primary} one wins).
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfig {

  @Bean
  HostResolver webhookHostResolver() {
    return HostResolver.system();
  }

  @Bean
  ReceiverPolicy receiverPolicy(HostResolver resolver, WebhookProperties properties) {
    return new ReceiverPolicy(resolver, properties.allowLocalReceivers());
  }

  @Bean
  SecretCipher webhookSecretCipher(WebhookProperties properties) {
    return new SecretCipher(properties.secretKey());
  }

  @Bean
  EndpointStore webhookEndpointStore() {
    return new EndpointStore();
  }

  @Bean
  DeliveryStore webhookDeliveryStore() {
    return new DeliveryStore();
  }

  @Bean
  DeliveryAttempts deliveryAttempts(
      Jdbi jdbi,
      DeliveryStore deliveries,
      EndpointStore endpoints,
      ReceiverPolicy policy,
      SecretCipher cipher,
      WebhookProperties properties,
      Clock clock,
      MeterRegistry registry,
      TraceContexts traces)
      throws NoSuchAlgorithmException {
    ReceiverClient client =
        new ReceiverClient(
            SSLContext.getDefault().getSocketFactory(),
            properties.connectTimeout(),
            properties.readTimeout(),
            properties.maxResponseBytes());
    return new DeliveryAttempts(
        jdbi, deliveries, endpoints, policy, client, cipher, properties, clock, registry, traces);
  }

  @Bean
  DeliveryDispatcher deliveryDispatcher(
      Jdbi jdbi,
      DeliveryStore deliveries,
      DeliveryAttempts attempts,
      WebhookProperties properties,
      Clock clock) {
    return new DeliveryDispatcher(jdbi, deliveries, attempts, properties, clock);
  }

  @Bean
  WebhookRegistry webhookRegistry(
      Jdbi jdbi,
      EndpointStore endpoints,
      DeliveryStore deliveries,
      ReceiverPolicy policy,
      SecretCipher cipher,
      DeliveryDispatcher dispatcher,
      WebhookProperties properties,
      Clock clock) {
    return new WebhookRegistry(
        jdbi, endpoints, deliveries, policy, cipher, dispatcher, properties, clock);
  }

  @Bean
  @ConditionalOnProperty(name = "image-service.webhooks.enabled", matchIfMissing = true)
  CompletionEventConsumer completionEventConsumer(
      WebhookProperties properties,
      AwsCredentialsProvider credentials,
      AwsRegionProvider region,
      Jdbi jdbi,
      JobRepository jobs,
      JobViews views,
      EndpointStore endpoints,
      DeliveryStore deliveries,
      JsonMapper json,
      DeliveryDispatcher dispatcher,
      Clock clock) {
    SqsClientBuilder builder =
        SqsClient.builder().credentialsProvider(credentials).region(region.getRegion());
    if (properties.sqsEndpoint() != null) {
      builder.endpointOverride(properties.sqsEndpoint());
    }
    CompletionEvents events =
        new CompletionEvents(jdbi, jobs, views, endpoints, deliveries, json, properties, clock);
    return new CompletionEventConsumer(builder.build(), events, dispatcher, properties);
  }
}
