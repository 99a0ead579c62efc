package dev.imageservice.worker.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.telemetry.JobTimings;
import dev.imageservice.worker.cost.JobStopwatch.Part;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobStopwatchTest {

  @Test
  void partsAndOtherAddUpToTheTotalAndQueuedRunsFromCreationToClaim() {
    Instant created = Instant.parse("2026-12-01T10:00:00Z");
    JobStopwatch stopwatch = new JobStopwatch(created, created.plusMillis(1500));

    stopwatch.time(Part.DOWNLOAD, () -> spin(20));
    stopwatch.time(Part.DECODE, () -> spin(30));
    spin(10); // untimed: other
    stopwatch.time(Part.UPLOAD, () -> spin(5));
    stopwatch.addCpu(7_000_000);
    stopwatch.decoded(4000);
    stopwatch.decoded(1000);
    JobTimings t = stopwatch.stop();

    assertThat(t.queuedMs()).isEqualTo(1500);
    assertThat(t.downloadMs()).isGreaterThanOrEqualTo(20);
    assertThat(t.decodeMs()).isGreaterThanOrEqualTo(30);
    assertThat(t.otherMs()).isGreaterThanOrEqualTo(10);
    long parts =
        t.downloadMs() + t.decodeMs() + t.resizeMs() + t.encodeMs() + t.uploadMs() + t.otherMs();
    assertThat(t.totalMs() - parts).isBetween(0L, 6L);
    assertThat(t.cpuMs()).isEqualTo(7);
    assertThat(t.decodePeakBytes()).isEqualTo(4000);
  }

  // Busy-waits: the stopwatch measures elapsed time, which a sleep would give just the same, but
  // the project's tests never sleep.
  private static Object spin(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    long x = 0;
    while (System.nanoTime() < end) {
      x++;
    }
    return x;
  }
}
