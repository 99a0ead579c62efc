package dev.imageservice.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RenderDeadlinesTest {

  private static final Instant DEADLINE = Instant.parse("2026-12-01T12:00:00Z");
  private static final JobProperties PROPERTIES =
      new JobProperties(null, null, null, Duration.ofSeconds(30));

  private final UUID job = UUID.randomUUID();

  @Test
  void heartbeatsGoOnUntilTheDeadlinePlusTheGrace() {
    RenderDeadlines deadlines = deadlines(DEADLINE.plusSeconds(30));
    try (RenderDeadlines.Registration ignored = deadlines.track(job, DEADLINE)) {
      assertThat(deadlines.overdue(job)).isFalse();
    }
  }

  @Test
  void heartbeatsStopOnceTheRenderIsPastTheDeadlineAndTheGrace() {
    RenderDeadlines deadlines = deadlines(DEADLINE.plusSeconds(31));
    try (RenderDeadlines.Registration ignored = deadlines.track(job, DEADLINE)) {
      assertThat(deadlines.overdue(job)).isTrue();
      assertThat(deadlines.overdue(UUID.randomUUID())).isFalse();
    }
  }

  @Test
  void aFinishedRenderIsNoLongerOverdue() {
    RenderDeadlines deadlines = deadlines(DEADLINE.plusSeconds(3600));
    deadlines.track(job, DEADLINE).close();
    assertThat(deadlines.overdue(job)).isFalse();
  }

  private RenderDeadlines deadlines(Instant now) {
    return new RenderDeadlines(PROPERTIES, Clock.fixed(now, ZoneOffset.UTC));
  }
}
