package dev.imageservice.worker.messaging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The queues the worker consumes and how it treats their messages. Every default is set here.
 *
 * @param queue name or URL of the queue subscribed to the topic ({@code thumbnail-requests})
 * @param deadLetterQueue its dead-letter queue; its messages fail their jobs ({@code
 *     retries_exhausted})
 * @param concurrency messages one worker takes at once (default 2); the decoded images they hold
 *     are bounded separately by {@code image-service.job.render-memory}
 * @param visibilityExtension how long each extension hides a message being processed (default 60
 *     s); extended every third of it, so a slow render is never redelivered while this worker lives
 * @param redelivery how long a transiently failed message stays hidden before its next delivery
 * @param shutdownTimeout how long shutdown waits for running messages before abandoning them
 *     (default 30 s)
 * @param metricsInterval how often the queue attributes are polled for metrics (default 15 s)
 */
@Validated
@ConfigurationProperties("image-service.worker")
public record WorkerQueueProperties(
    @NotBlank String queue,
    @NotBlank String deadLetterQueue,
    @Min(1) int concurrency,
    @NotNull Duration visibilityExtension,
    @NotNull @Valid Redelivery redelivery,
    @NotNull Duration shutdownTimeout,
    @NotNull Duration metricsInterval) {

  public WorkerQueueProperties {
    concurrency = concurrency == 0 ? 2 : concurrency;
    visibilityExtension =
        visibilityExtension == null ? Duration.ofSeconds(60) : visibilityExtension;
    redelivery = redelivery == null ? new Redelivery(null, 0, null) : redelivery;
    shutdownTimeout = shutdownTimeout == null ? Duration.ofSeconds(30) : shutdownTimeout;
    metricsInterval = metricsInterval == null ? Duration.ofSeconds(15) : metricsInterval;
  }

  /**
   * Growing visibility timeouts for redelivery: {@code initialDelay x multiplier^(receives - 1)},
   * at most {@code maxDelay}. With the defaults (15 s, x2, 10 min) and a {@code maxReceiveCount} of
   * 5, a message is tried for about 4 minutes before it is dead-lettered: longer than a job lease,
   * so a claim left behind by a crash never exhausts the retries alone.
   *
   * @param initialDelay visibility timeout after the first failed receive (default 15 seconds)
   * @param multiplier factor applied for each further receive (default 2)
   * @param maxDelay longest visibility timeout a redelivery waits (default 10 minutes)
   */
  public record Redelivery(
      Duration initialDelay, @DecimalMin("1.0") double multiplier, Duration maxDelay) {

    public Redelivery {
      initialDelay = initialDelay == null ? Duration.ofSeconds(15) : initialDelay;
      multiplier = multiplier == 0 ? 2.0 : multiplier;
      maxDelay = maxDelay == null ? Duration.ofMinutes(10) : maxDelay;
    }
  }
}
