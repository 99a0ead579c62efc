package dev.imageservice.common.testing;

import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox relay the job lifecycle's tests give it: never started, so the outbox rows a test
 * checks stay where the lifecycle wrote them; were it run, every publish would succeed.
 */
public final class TestRelays {

  private TestRelays() {}

  public static OutboxRelay idle(Jdbi jdbi, OutboxRepository outbox, Clock clock) {
    return new OutboxRelay(
        jdbi,
        outbox,
        batch -> Map.of(),
        new OutboxRelay.Settings(
            Duration.ofSeconds(1),
            10,
            Duration.ofMinutes(1),
            Duration.ofDays(7),
            Duration.ofHours(1)),
        clock);
  }
}
