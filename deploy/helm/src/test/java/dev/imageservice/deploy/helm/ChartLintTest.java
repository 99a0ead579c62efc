package dev.imageservice.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code helm lint --strict} passes, and the chart renders for every environment. */
class ChartLintTest {

  @Test
  void chartPassesStrictLint() {
    LintResult result = new Helm(RenderedChart.chartDir()).lint().strict().call();
    assertThat(result.getMessages())
        .as("helm lint --strict")
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    assertThat(result.isFailed()).as("helm lint failed: %s", result.getMessages()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void chartRendersForEachEnvironment(String environment) {
    assertThat(RenderedChart.of(environment).manifests()).hasSizeGreaterThan(10);
    assertThat(RenderedChart.renderedDir().resolve(environment + ".yaml")).isRegularFile();
  }
}
