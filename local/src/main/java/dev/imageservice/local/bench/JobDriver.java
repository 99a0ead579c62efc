package dev.imageservice.local.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Pushes whole jobs through the system and waits for them to finish, for {@code bench e2e}: where
 * {@link LoadDriver} times the API's answer to a request, a job here ends when the worker has
 * rendered it, so the figures are completions, read from the job's own timestamps. Jobs cycle
 * through the given image bodies.
 */
final class JobDriver {

  private JobDriver() {}

  /** Uploads {@code count} jobs and waits until they are finished (a warm-up batch). */
  static void complete(BenchClient client, List<byte[]> bodies, int count) {
    try {
      awaitAll(client, uploadAll(client, bodies, count));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while warming up", e);
    } catch (Exception e) {
      throw new IllegalStateException("warm-up batch failed", e);
    }
  }

  /**
   * What a drained backlog showed.
   *
   * @param jobsPerSecond the steady completion rate (10th to 90th percentile completion: the first
   *     and last tenth are the pipeline filling and emptying)
   * @param renderCpuMsPerJob the workers' own render CPU per job, as the jobs' timings recorded it
   */
  record Drain(double jobsPerSecond, double renderCpuMsPerJob) {}

  /** Uploads a backlog of {@code jobs} and waits until every one is finished. */
  static Drain drain(BenchClient client, List<byte[]> bodies, int jobs) throws Exception {
    List<String> ids = uploadAll(client, bodies, jobs);
    List<Instant> done = new ArrayList<>();
    long renderCpuMs = 0;
    for (BenchClient.Finished f : awaitAll(client, ids)) {
      done.add(f.finished());
      renderCpuMs += f.renderCpuMs();
    }
    done.sort(null);
    int from = jobs / 10;
    int to = jobs - 1 - jobs / 10;
    double seconds = (done.get(to).toEpochMilli() - done.get(from).toEpochMilli()) / 1000.0;
    return new Drain((to - from) / seconds, renderCpuMs / (double) jobs);
  }

  /** Uploads {@code jobs} jobs, four at a time, and answers their ids in upload order. */
  static List<String> uploadAll(BenchClient client, List<byte[]> bodies, int jobs)
      throws Exception {
    try (ExecutorService uploaders = Executors.newFixedThreadPool(4)) {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        byte[] body = bodies.get(i % bodies.size());
        futures.add(uploaders.submit(() -> client.upload(body)));
      }
      return ids(futures);
    }
  }

  /** The ids the uploads answered, in upload order; throws if any upload did. */
  static List<String> ids(List<Future<String>> uploads) throws Exception {
    List<String> ids = new ArrayList<>();
    for (Future<String> upload : uploads) {
      ids.add(upload.get());
    }
    return ids;
  }

  /** Waits until every job has SUCCEEDED or FAILED and answers how each finished. */
  static List<BenchClient.Finished> awaitAll(BenchClient client, List<String> ids)
      throws InterruptedException {
    List<BenchClient.Finished> finished = new ArrayList<>();
    for (String id : ids) {
      BenchClient.Finished f = client.finished(id);
      while (!f.status().equals("SUCCEEDED") && !f.status().equals("FAILED")) {
        // A poll interval, not a wait for a guess: the loop ends on the job's observed state.
        TimeUnit.MILLISECONDS.sleep(100);
        f = client.finished(id);
      }
      finished.add(f);
    }
    return finished;
  }
}
