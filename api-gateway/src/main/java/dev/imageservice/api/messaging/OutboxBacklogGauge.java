package dev.imageservice.api.messaging;

import dev.imageservice.common.outbox.OutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Gauge {@code image_service_outbox_backlog}: events written but not yet published to SNS. It is
 * sampled on a schedule and scrapes read the last sample, so scrapes never query the database. A
 * growing value means SNS (or the relay) is down; the last sample is kept while the database is
 * unreachable. Thread-safe.
 */
@Component
class OutboxBacklogGauge {

  private static final Logger log = LoggerFactory.getLogger(OutboxBacklogGauge.class);

  private final Jdbi jdbi;
  private final OutboxRepository outbox;
  private final TaskScheduler scheduler;
  private final MetricsProperties properties;
  private final AtomicLong backlog = new AtomicLong();

  OutboxBacklogGauge(
      Jdbi jdbi,
      OutboxRepository outbox,
      TaskScheduler scheduler,
      MetricsProperties properties,
      MeterRegistry meters) {
    this.jdbi = jdbi;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.properties = properties;
    Gauge.builder("image_service.outbox.backlog", backlog, AtomicLong::get)
        .description("Outbox events not yet published to SNS (sampled)")
        .register(meters);
  }

  @EventListener(ApplicationReadyEvent.class)
  void startSampling() {
    scheduler.scheduleWithFixedDelay(this::sample, properties.outboxBacklogInterval());
  }

  void sample() {
    try {
      backlog.set(jdbi.withHandle(outbox::backlog));
    } catch (RuntimeException e) {
      log.debug("outbox backlog not sampled, keeping the last value: {}", e.toString());
    }
  }
}
