package dev.imageservice.common.config;

import dev.imageservice.common.outbox.OutboxRelay;
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
 *     (default 500 ms)
 * @param relayBatchSize how many events one relay pass claims at most (default 50; published ten
 *     per {@code PublishBatch} request)
 * @param relayPublishLease how long events claimed by one relay stay hidden from the others while
 *     it publishes them (default 1 minute); a relay that dies mid-publish delays them this long
 * @param relayRetention how long published events stay in the outbox before they are deleted
 *     (default 7 days)
 * @param relayPruneInterval how often published events past the retention are deleted (default 1
 *     hour)
 */
@Validated
@ConfigurationProperties("image-service.messaging")
public record EventPublishingProperties(
    @NotBlank String topicArn,
    @Nullable URI snsEndpoint,
    @NotNull Duration relayInterval,
    @Min(1) int relayBatchSize,
    @NotNull Duration relayPublishLease,
    @NotNull Duration relayRetention,
    @NotNull Duration relayPruneInterval) {

  public EventPublishingProperties {
    relayInterval = relayInterval == null ? Duration.ofMillis(500) : relayInterval;
    relayBatchSize = relayBatchSize == 0 ? 50 : relayBatchSize;
    relayPublishLease = relayPublishLease == null ? Duration.ofMinutes(1) : relayPublishLease;
    relayRetention = relayRetention == null ? Duration.ofDays(7) : relayRetention;
    relayPruneInterval = relayPruneInterval == null ? Duration.ofHours(1) : relayPruneInterval;
  }

  /** The relay's settings. */
  public OutboxRelay.Settings relaySettings() {
    return new OutboxRelay.Settings(
        relayInterval, relayBatchSize, relayPublishLease, relayRetention, relayPruneInterval);
  }
}
