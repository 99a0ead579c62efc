package dev.imageservice.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FloorResultTest {

  private static final ThreadCpu.Totals NO_JIT = new ThreadCpu.Totals(100, 0, 0, 0, 0);

  private static FloorResult result(CallKind kind, double cpuPerCall, double threadPerCall) {
    return new FloorResult(
        kind, 8000, 200, cpuPerCall * 200, threadPerCall * 200, NO_JIT, "main 100.0%");
  }

  // The notes quote these lines: the kind, the warm-up, then the two figures per call.
  @Test
  void theLineIsTheSteadyStateCpuPerCallThenWhatItLeftOut() {
    // 1 000 calls, 1 000 ms of process CPU of which the compiler threads 5 %, GC 2 %.
    FloorResult put =
        new FloorResult(
            CallKind.S3_PUT,
            1000,
            1000,
            1000.0,
            900.0,
            new ThreadCpu.Totals(1000, 50, 20, 0, 0),
            "main 90.0% (0.900 ms)");

    assertThat(put.line())
        .isEqualTo(
            "sdk-floor s3-put warm-up=1000 cpu-ms/call=0.950 thread-cpu-ms/call=0.900 calls=1000"
                + " cpu-with-jit-ms/call=1.000 jit=5.0% gc=2.0% threads: main 90.0% (0.900 ms)");
  }

  @Test
  void aJobIsEachCallTimesHowOftenAJobMakesIt() {
    FloorJob job =
        new FloorJob(
            8000,
            List.of(
                result(CallKind.DB, 0.1, 0.08),
                result(CallKind.SQS, 3.0, 0.5),
                result(CallKind.SNS, 0.8, 0.7),
                result(CallKind.S3_GET, 2.0, 1.9),
                result(CallKind.S3_PUT, 0.5, 0.45)));

    // 3 x 0.5 + 2.0 + 0.8 + 3.0 + 5 x 0.1; the calling thread 3 x 0.45 + 1.9 + 0.7 + 0.5 + 0.4.
    assertThat(job.cpuMillis()).isCloseTo(7.8, within(1e-9));
    assertThat(job.threadCpuMillis()).isCloseTo(4.85, within(1e-9));
    assertThat(job.line())
        .isEqualTo(
            "sdk-floor per-job after 8000: 3 s3-put + 1 s3-get + 1 sns + 1 sqs + 5 db"
                + " = 7.80 ms cpu (calling thread 4.85 ms)");
  }

  @Test
  void aJobMakesFiveDatabaseRoundTrips() {
    // claim; the success (SucceedStatement); timings insert; the relay's claim and mark.
    assertThat(CallKind.DB.perJob()).isEqualTo(5);
  }
}
