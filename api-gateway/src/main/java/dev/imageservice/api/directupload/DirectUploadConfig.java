package dev.imageservice.api.directupload;

import dev.imageservice.common.job.DirectUploadLifecycle;
import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The direct upload job moves, on the shared database, outbox and relay. */
@Configuration(proxyBeanMethods = false)
class DirectUploadConfig {

  @Bean
  DirectUploadLifecycle directUploadLifecycle(
      Jdbi jdbi, OutboxRepository outbox, OutboxRelay relay, Clock clock) {
    return new DirectUploadLifecycle(jdbi, outbox, relay, clock);
  }
}
