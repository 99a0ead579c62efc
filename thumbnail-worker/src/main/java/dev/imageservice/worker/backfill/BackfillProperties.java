package dev.imageservice.worker.backfill;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this worker takes part in preset backfills, bound from {@code image-service.backfill}.
 *
 * @param enabled whether it renders backfill items at all (default true)
 * @param pollInterval how often an idle worker looks for backfill items (default 1 s)
 * @param lease how long a claimed item stays this worker's before another may take it (default 2
 *     min): a worker stopped mid-item delays that item by at most this
 */
@Validated
@ConfigurationProperties("image-service.backfill")
public record BackfillProperties(
    @DefaultValue("true") boolean enabled,
    @Nullable Duration pollInterval,
    @Nullable Duration lease) {

  public BackfillProperties {
    pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
    lease = lease == null ? Duration.ofMinutes(2) : lease;
  }

  @Override
  public Duration pollInterval() {
    return java.util.Objects.requireNonNull(pollInterval);
  }

  @Override
  public Duration lease() {
    return java.util.Objects.requireNonNull(lease);
  }
}
