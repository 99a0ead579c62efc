package dev.imageservice.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Upload→SUCCEEDED latency of jobs uploaded at a fixed rate, below what the workers can drain, set
 * beside the pure render time of the same images: what a job waits for when nothing queues, as
 * opposed to the throughput {@link JobDriver#drain} measures with a backlog.
 */
final class PacedRun {

  private PacedRun() {}

  /**
   * Uploads at {@code rate} jobs/s and answers the table row that sets both latencies side by side.
   */
  static String measure(
      BenchClient client, List<byte[]> bodies, double rate, int jobs, double[] renderMillis)
      throws Exception {
    List<Future<String>> uploads = new ArrayList<>();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      long periodMicros = (long) (1_000_000 / rate);
      for (int i = 0; i < jobs; i++) {
        byte[] body = bodies.get(i % bodies.size());
        uploads.add(
            timer.schedule(() -> client.upload(body), periodMicros * i, TimeUnit.MICROSECONDS));
      }
      List<Double> latency =
          JobDriver.awaitAll(client, JobDriver.ids(uploads)).stream()
              .map(BenchClient.Finished::latencyMillis)
              .toList();
      List<Double> render = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        render.add(renderMillis[i % renderMillis.length]);
      }
      Stats l = new Stats(latency);
      Stats r = new Stats(render);
      return "paced at %.2f jobs/s (1 worker): upload->SUCCEEDED p50 %.0f ms, p99 %.0f ms; pure render of the same images p50 %.0f ms, p99 %.0f ms"
          .formatted(rate, l.percentile(50), l.percentile(99), r.percentile(50), r.percentile(99));
    } finally {
      timer.shutdownNow();
    }
  }
}
