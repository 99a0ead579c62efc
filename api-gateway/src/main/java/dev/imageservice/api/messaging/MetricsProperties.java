package dev.imageservice.api.messaging;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Metric sampling.
 *
 * @param outboxBacklogInterval how often the outbox backlog gauge counts unpublished rows (default
 *     5 seconds): one cheap query per interval, however often Prometheus scrapes
 */
@Validated
@ConfigurationProperties("image-service.metrics")
public record MetricsProperties(@NotNull Duration outboxBacklogInterval) {

  public MetricsProperties {
    if (outboxBacklogInterval == null) {
      outboxBacklogInterval = Duration.ofSeconds(5);
    }
  }
}
