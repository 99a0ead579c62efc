package dev.imageservice.worker.job;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Job claiming and render admission.
 *
 * @param lease how long a claim holds without renewal; a job whose worker died is reclaimed by
 *     another after it (default 2 minutes). A live worker renews it every third of the lease.
 * @param renderMemory decoded-image bytes this worker holds at once (default half the maximum
 *     heap); a render reserves its share before decoding and waits while the budget is spent. A
 *     render larger than the whole budget still runs, alone.
 * @param renderThreads renders that run at once (default: the CPUs the JVM sees). Messages beyond
 *     it ({@code image-service.worker.concurrency}) download and upload meanwhile, so that the
 *     render threads do not wait on S3 and the database; see {@link RenderSlots}.
 * @param renderGrace how long past its deadline a render may still hold its job (default 30 s):
 *     after it the lease and the message's visibility are no longer extended, so that a render
 *     wedged in code that cannot be aborted gives its message back to the queue; see {@link
 *     RenderDeadlines}
 */
@Validated
@ConfigurationProperties("image-service.job")
public record JobProperties(
    @NotNull Duration lease,
    @NotNull DataSize renderMemory,
    @Positive Integer renderThreads,
    @NotNull Duration renderGrace) {

  public JobProperties {
    if (lease == null) {
      lease = Duration.ofMinutes(2);
    }
    if (renderMemory == null) {
      renderMemory = DataSize.ofBytes(Runtime.getRuntime().maxMemory() / 2);
    }
    if (renderThreads == null) {
      renderThreads = Runtime.getRuntime().availableProcessors();
    }
    if (renderGrace == null) {
      renderGrace = Duration.ofSeconds(30);
    }
  }

  /** How often a held claim is renewed: three renewals fit in one lease. */
  public Duration leaseRenewal() {
    return lease.dividedBy(3);
  }
}
