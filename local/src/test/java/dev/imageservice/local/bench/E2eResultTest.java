package dev.imageservice.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class E2eResultTest {

  // Workers: compiler 5 %, GC 3 % of their window; the render: compiler 2 %, GC 4 % of its.
  private static final E2eResult RESULT =
      new E2eResult(
          2,
          3.456,
          120.0,
          new ThreadCpu.Totals(1000, 50, 30, 0, 0),
          10.25,
          new WarmUp.Done(96, 1.5),
          95.0);
  private static final RenderBaseline RENDER =
      new RenderBaseline(
          100.0,
          new double[] {40, 60},
          new WarmUp.Done(48, 0.5),
          new ThreadCpu.Totals(1000, 20, 40, 0, 0));

  // The performance checks parse this line: its fields, order and number formats are fixed.
  @Test
  void theLineIsTheSteadyStateRatioThenWhatItLeftOut() {
    assertThat(RESULT.line(RENDER))
        .isEqualTo(
            "e2e workers=2 jobs/s=3.46 worker-cpu-ms/job=114.0 render-cpu-ms/job=98.0 ratio=1.16"
                + " ratio-with-jit=1.20 (120.0/100.0 ms) worker-jit=5.0% render-jit=2.0%"
                + " worker-gc=3.0% render-gc=4.0% warm-up-jobs=96"
                + " ratio-to-own-render=1.20 (own-render-cpu-ms/job=95.0)");
  }

  @Test
  void theRowScalesAgainstOneWorkerOnlyWhenOneWasMeasured() {
    assertThat(RESULT.row(RENDER, 50.0, 1.9))
        .isEqualTo(
            "2              3.46         40.00           0.91        1057.4%             114.0"
                + "                 10.3                16.3%");
    assertThat(RESULT.row(RENDER, 50.0, 0))
        .isEqualTo(
            "2              3.46         40.00              -        1057.4%             114.0"
                + "                 10.3                16.3%");
  }
}
