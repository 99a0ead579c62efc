package dev.imageservice.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerVariantTest {

  @Test
  void withoutJarsTheWorkersAreThisJarsLabelledThis() {
    List<WorkerVariant> variants = WorkerVariant.parse(new BenchOptions(Map.of()));

    assertThat(variants).containsExactly(new WorkerVariant(null, List.of()));
    assertThat(variants.getFirst()).hasToString("this");
  }

  // The e2e-ab lines name each variant by its jar's file name; every jar gets the same options.
  @Test
  void eachJarIsAVariantStartedWithTheJavaOptions() {
    List<WorkerVariant> variants =
        WorkerVariant.parse(
            new BenchOptions(
                Map.of(
                    "worker-jars", "a/old.jar, b/new.jar",
                    "worker-java-options", " -Xlog:gc  -XX:+UseG1GC")));

    List<String> java = List.of("-Xlog:gc", "-XX:+UseG1GC");
    assertThat(variants)
        .containsExactly(
            new WorkerVariant(Path.of("a/old.jar"), java),
            new WorkerVariant(Path.of("b/new.jar"), java));
    assertThat(variants).extracting(WorkerVariant::toString).containsExactly("old.jar", "new.jar");
  }

  // Each jar runs once per flag list; an empty list is the deployed flags alone.
  @Test
  void eachJarRunsOnceWithEachFlagVariantAfterTheCommonOptions() {
    List<WorkerVariant> variants =
        WorkerVariant.parse(
            new BenchOptions(
                Map.of(
                    "worker-java-options", "-Xlog:gc",
                    "worker-flag-variants", "|-XX:G1HeapRegionSize=0  -XX:+AlwaysPreTouch")));

    assertThat(variants)
        .extracting(WorkerVariant::toString)
        .containsExactly("this", "this[-XX:G1HeapRegionSize=0,-XX:+AlwaysPreTouch]");
    assertThat(variants.get(0).options()).containsExactly("-Xlog:gc");
    assertThat(variants.get(1).options())
        .containsExactly("-Xlog:gc", "-XX:G1HeapRegionSize=0", "-XX:+AlwaysPreTouch");
  }
}
