package dev.imageservice.local.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The output of {@code bench e2e} after its measurements: each {@code e2e workers=…} line as it is
 * measured, then a table of every measurement and the lines again below it, so that a long run's
 * results stand together at its end rather than between the workers' warm-up lines.
 */
final class E2eReport {

  static final String HEADER =
      "workers  e2e jobs/s  render jobs/s  scaling(xK*1)  wall overhead  worker CPU ms/job"
          + "  API+infra CPU ms/job  worker CPU overhead";

  private final RenderBaseline render;
  private final double renderWallPerJob;
  private final boolean labelled;
  private final List<String> rows = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private double single;

  /**
   * A report against the pure render cost; {@code labelled} (A/B runs: several variants or rounds)
   * names each line's variant and round.
   */
  E2eReport(RenderBaseline render, double renderWallPerJob, boolean labelled) {
    this.render = render;
    this.renderWallPerJob = renderWallPerJob;
    this.labelled = labelled;
  }

  /**
   * Prints and keeps one measurement's line and row. {@code first}: the first measurement of its
   * worker count (round 1, first variant), whose one-worker rate the scaling is relative to.
   */
  void add(E2eResult result, boolean first, WorkerVariant variant, int round) {
    single = result.workers() == 1 && first ? result.jobsPerSecond() : single;
    String line = result.line(render);
    if (labelled) {
      // A/B runs: every measurement, labelled; the plain line stays one per count.
      line = line.replace("e2e ", "e2e-ab variant=%s round=%d ".formatted(variant, round));
    }
    System.out.println(line);
    lines.add(line);
    rows.add(result.row(render, renderWallPerJob, single));
  }

  /** A row under the last measurement's (the paced run's latencies). */
  void addRow(String row) {
    rows.add(row);
  }

  /** The table and the lines again. */
  void print() {
    System.out.println();
    System.out.println(HEADER);
    rows.forEach(System.out::println);
    System.out.println();
    lines.forEach(System.out::println);
  }
}
