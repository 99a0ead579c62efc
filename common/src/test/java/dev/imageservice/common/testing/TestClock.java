package dev.imageservice.common.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A real clock that the test moves forward by hand, so that leases expire and retention passes
 * without waiting. Starts at the current time. Thread-safe.
 */
public final class TestClock extends Clock {

  private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("always UTC");
  }
}
