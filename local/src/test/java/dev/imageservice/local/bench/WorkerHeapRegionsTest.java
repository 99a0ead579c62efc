package dev.imageservice.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worker's deployed JVM flags keep the pixel arrays of ordinary images out of G1's humongous
 * path. With the default region size of a worker-sized heap (1 MB) every such array is humongous,
 * and enough of them start a concurrent marking cycle; each cycle arms the entry barrier of every
 * compiled method, and in the worker, with thousands of methods compiled, that cost about 3 ms of
 * CPU per job (docs/performance.md, "Round ten").
 */
class WorkerHeapRegionsTest {

  // The chart's worker: a 2 GiB memory limit, the heap at 70 % of it (JAVA_TOOL_OPTIONS).
  private static final String CHART_HEAP = "-Xmx1434m";
  private static final Pattern COUNTS = Pattern.compile("collections=(\\d+) humongous=(\\d+)");

  @Test
  void imagesUpToFourMegapixelsStartNoConcurrentCycleWithTheDeployedFlags() throws Exception {
    Counts deployed = churn(WorkerJvmFlags.DEPLOYED);

    assertThat(deployed.collections()).isPositive();
    assertThat(deployed.humongous()).isZero();
  }

  @Test
  void withoutTheRegionSizeTheSameImagesDoStartThem() throws Exception {
    List<String> withoutRegionSize =
        WorkerJvmFlags.DEPLOYED.stream()
            .filter(flag -> !flag.startsWith("-XX:G1HeapRegionSize="))
            .toList();

    Counts defaults = churn(withoutRegionSize);

    assertThat(defaults.humongous()).isPositive();
  }

  private record Counts(int collections, int humongous) {}

  private static Counts churn(List<String> flags) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add(CHART_HEAP);
    command.addAll(flags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DecodedImageChurn.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the churn ended").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    Matcher counts = COUNTS.matcher(output);
    assertThat(counts.find()).as(output).isTrue();
    return new Counts(Integer.parseInt(counts.group(1)), Integer.parseInt(counts.group(2)));
  }
}
