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
 */
@Validated
@ConfigurationProperties("image-service.job")
public record JobProperties(
    @NotNull Duration lease, @NotNull DataSize renderMemory, @Positive Integer renderThreads) {

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
  }

  /** How often a held claim is renewed: three renewals fit in one lease. */
  public Duration leaseRenewal() {
    return lease.dividedBy(3);
  }
}
