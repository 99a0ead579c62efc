package dev.imageservice.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuByThreadTest {

  @Test
  void threadsOfOnePoolCountAsOneKind() {
    assertThat(ThreadCpu.kind("GC Thread#3")).isEqualTo("GC Thread");
    assertThat(ThreadCpu.kind("G1 Refine#0")).isEqualTo("G1 Refine");
    assertThat(ThreadCpu.kind("worker-timer-1")).isEqualTo("worker-timer");
    assertThat(ThreadCpu.kind("sdk-async-response-2-4")).isEqualTo("sdk-async-response");
    // Linux keeps 15 characters: the listener threads and the Netty event loop lose their numbers.
    assertThat(ThreadCpu.kind("io.awspring.clo")).isEqualTo("io.awspring.clo");
    assertThat(ThreadCpu.kind("outbox-relay")).isEqualTo("outbox-relay");
  }

  @Test
  void describesTheWindowsCpuByKindLargestFirstAsSharesOfTheCpuPerJob() {
    Map<String, Long> before =
        Map.of("io.awspring.clo", 100L, "outbox-relay", 10L, "GC Thread", 5L);
    Map<String, Long> after =
        Map.of("io.awspring.clo", 180L, "outbox-relay", 20L, "GC Thread", 5L, "backfill", 10L);

    // 80 + 10 + 10 ticks in the window; 120 ms of CPU per job.
    assertThat(CpuByThread.describe(before, after, 120))
        .startsWith("io.awspring.clo 80.0% (96.0 ms), ")
        .contains("outbox-relay 10.0% (12.0 ms)", "backfill 10.0% (12.0 ms)")
        .doesNotContain("GC Thread");
  }

  @Test
  void aWindowWithoutCpuSaysSo() {
    assertThat(CpuByThread.describe(Map.of("java", 3L), Map.of("java", 3L), 50))
        .isEqualTo("no CPU measured");
  }
}
