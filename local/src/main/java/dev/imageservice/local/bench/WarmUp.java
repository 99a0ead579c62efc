package dev.imageservice.local.bench;

import java.util.function.IntConsumer;

/**
 * How long a JVM is warmed up before its CPU per job is measured: in batches (one per image of the
 * mix) until its compiler threads used at most {@code idlePercent} of its CPU during the last
 * batch, after at least {@code minJobs} and at most {@code maxJobs} jobs. A worker runs for days:
 * its steady state, not its JIT compiling the database driver, SDK and metrics code a few calls per
 * job at a time, is what its cost per job means; the cap keeps a run's wall time bounded, and the
 * compiler's share of the measured window is printed whatever it is. (A worker's SDK, driver and
 * metrics code runs a few times per job. With the worker's deployed flags ({@link WorkerJvmFlags})
 * C2 takes it after 100 invocations, and on the 2-core VM the workers' compiler went idle after
 * 1000 to 1250 jobs; at the old cap of 360 it still used 20-27 % of their CPU. So the cap is 1440
 * jobs, above that, and the idle test ends the warm-up; the benchmark leaves the compiler threads'
 * CPU out of both sides and prints it.)
 *
 * @param minJobs jobs before the compiler is looked at ({@code --warm-up-jobs})
 * @param maxJobs the cap ({@code --max-warm-up-jobs})
 * @param idlePercent the compiler's share of a batch's CPU taken as idle ({@code
 *     --jit-idle-percent})
 */
record WarmUp(int minJobs, int maxJobs, double idlePercent) {

  static WarmUp from(BenchOptions options, int images) {
    int min = options.integer("warm-up-jobs", Math.max(48, images * 2));
    int max = Math.max(min, options.integer("max-warm-up-jobs", Math.max(1440, images * 60)));
    double idle = Double.parseDouble(options.values().getOrDefault("jit-idle-percent", "2"));
    return new WarmUp(min, max, idle);
  }

  /** What a warm-up did: the jobs it ran and the compiler's share of its last batch. */
  record Done(int jobs, double lastCompilerPercent) {

    @Override
    public String toString() {
      return "%d warm-up jobs, compiler %.1f%% of the CPU in the last batch"
          .formatted(jobs, lastCompilerPercent);
    }
  }

  /**
   * Runs {@code batch} (given its size) until the compiler threads {@code meter} sees are idle or
   * the cap is reached.
   */
  Done run(ThreadCpu meter, int batchSize, IntConsumer batch) {
    int jobs = 0;
    double last = 100;
    while (jobs < maxJobs) {
      int size = Math.min(batchSize, maxJobs - jobs);
      ThreadCpu.Totals before = meter.totals();
      batch.accept(size);
      jobs += size;
      last = meter.totals().minus(before).compilerPercent();
      if (jobs >= minJobs && (last <= idlePercent || !meter.available())) {
        break;
      }
    }
    return new Done(jobs, last);
  }
}
