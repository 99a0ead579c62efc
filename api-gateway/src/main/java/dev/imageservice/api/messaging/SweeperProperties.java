package dev.imageservice.api.messaging;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The stale-job sweep.
 *
 * @param staleAfter how long a job may stay {@code QUEUED} before its event is sent again (default
 *     5 minutes; longer than a busy queue's wait, or jobs are announced twice for nothing)
 * @param interval how often to look (default 1 minute)
 */
@Validated
@ConfigurationProperties("image-service.sweeper")
public record SweeperProperties(@NotNull Duration staleAfter, @NotNull Duration interval) {

  public SweeperProperties {
    if (staleAfter == null) {
      staleAfter = Duration.ofMinutes(5);
    }
    if (interval == null) {
      interval = Duration.ofMinutes(1);
    }
  }
}
