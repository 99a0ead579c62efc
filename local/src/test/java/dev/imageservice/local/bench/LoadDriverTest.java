package dev.imageservice.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class LoadDriverTest {

  /** A server that takes 40 ms per request, one at a time. */
  private static final Runnable SLOW = () -> LockSupport.parkNanos(40_000_000L);

  @Test
  void openLoopChargesTheWaitForAFreeSlotToTheRequest() throws InterruptedException {
    // 50/s offered, one slot, 40 ms each: only 25/s can be served, so the backlog grows and the
    // last requests wait about half a second beyond their schedule. A closed loop would report
    // 40 ms for all of them (coordinated omission).
    LoadDriver.Result result = LoadDriver.openLoop(SLOW, 1, 50, 1);

    assertThat(result.stats().count()).isEqualTo(50);
    assertThat(result.peakInFlight()).isEqualTo(1);
    assertThat(result.stats().percentile(50)).isGreaterThan(200);
    assertThat(result.stats().percentile(100)).isGreaterThan(800);
  }

  @Test
  void requestsThatThrowAreFailuresNotLatencies() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    Runnable everyOtherFails =
        () -> {
          if (calls.incrementAndGet() % 2 == 0) {
            throw new IllegalStateException("answered 503");
          }
        };

    LoadDriver.Result result = LoadDriver.openLoop(everyOtherFails, 10, 20, 1);

    assertThat(result.failures()).isEqualTo(10);
    assertThat(result.stats().count()).isEqualTo(10);
  }
}
