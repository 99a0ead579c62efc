package dev.imageservice.common.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Event publishing, shared by both services: each writes events to its outbox and relays them to
 * SNS.
 *
 * @param topicArn the SNS topic every image-service event goes to
 * @param snsEndpoint an SNS endpoint override (the local embedded default); null in AWS
 * @param relayInterval how often the outbox relay looks for unpublished events when not woken
 * @param relayBatchSize how many events one relay pass publishes at most
 */
@Validated
@ConfigurationProperties("image-service.messaging")
public record EventPublishingProperties(
    @NotBlank String topicArn,
    @Nullable URI snsEndpoint,
    @NotNull Duration relayInterval,
    @Min(1) int relayBatchSize) {

  public EventPublishingProperties {
    if (relayInterval == null) {
      relayInterval = Duration.ofMillis(500);
    }
    if (relayBatchSize == 0) {
      relayBatchSize = 50;
    }
  }
}
