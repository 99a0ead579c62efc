package dev.imageservice.worker.job;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Job claiming.
 *
 * @param lease how long a claim holds without renewal; a job whose worker died is reclaimed by
 *     another after it (default 2 minutes)
 */
@Validated
@ConfigurationProperties("image-service.job")
public record JobProperties(@NotNull Duration lease) {

  public JobProperties {
    if (lease == null) {
      lease = Duration.ofMinutes(2);
    }
  }
}
