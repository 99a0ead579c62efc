package dev.imageservice.api.messaging;

import dev.imageservice.common.job.SweepPolicy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The stale-job sweep.
 *
 * @param staleAfter how long a job may stay {@code QUEUED} before its event is sent again (default
 *     5 minutes; longer than a busy queue's wait, or jobs are announced twice for nothing)
 * @param abandonedAfter how long after its lease ended a {@code PROCESSING} job counts as
 *     abandoned, re-queued and announced again (default 10 minutes; longer than the queue's
 *     redelivery back-off, so that a live message gets its chance to reclaim it first)
 * @param maxReannouncements how many times an abandoned job is re-queued before it is {@code FAILED
 *     abandoned} (default 3; 0 fails it at once)
 * @param interval how often to look (default 1 minute)
 * @param batchSize jobs handled per sweep and kind (default 100)
 */
@Validated
@ConfigurationProperties("image-service.sweeper")
public record SweeperProperties(
    @NotNull Duration staleAfter,
    @NotNull Duration abandonedAfter,
    @Min(0) @Max(100) Integer maxReannouncements,
    @NotNull Duration interval,
    @Min(1) int batchSize) {

  public SweeperProperties {
    staleAfter = staleAfter == null ? Duration.ofMinutes(5) : staleAfter;
    abandonedAfter = abandonedAfter == null ? Duration.ofMinutes(10) : abandonedAfter;
    maxReannouncements = maxReannouncements == null ? Integer.valueOf(3) : maxReannouncements;
    interval = interval == null ? Duration.ofMinutes(1) : interval;
    batchSize = batchSize == 0 ? 100 : batchSize;
  }

  SweepPolicy policy() {
    return new SweepPolicy(staleAfter, abandonedAfter, maxReannouncements, batchSize);
  }
}
