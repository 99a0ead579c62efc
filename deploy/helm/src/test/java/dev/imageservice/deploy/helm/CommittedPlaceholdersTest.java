package dev.imageservice.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed {@code values-<env>.yaml} still carry example account ids, file-system, security
 * group and certificate ids, database and log hosts and bucket names: the pipeline layers the
 * values generated from the stack's outputs over them ({@code --values values-generated.yaml},
 * deploy.yml). This holds that layering to its promise: not one of those examples survives into the
 * manifests rendered as the pipeline renders them.
 */
class CommittedPlaceholdersTest {

  /** What in a values file can only have come from one AWS account's stack. */
  private static final Pattern ACCOUNT_SPECIFIC =
      Pattern.compile(
          "\\b\\d{12}\\b"
              + "|\\bfs-[0-9a-f]{8,}\\b"
              + "|\\bsg-[0-9a-f]{8,}\\b"
              + "|certificate/[0-9a-f-]{36}"
              + "|[\\w.-]+\\.(?:rds|es)\\.amazonaws\\.com"
              + "|\\b(?:images|thumbnails)-bucket-[a-z]+\\b");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void noExampleIdFromTheCommittedValuesReachesTheDeployedManifests(String env) throws Exception {
    String committed =
        Files.readString(RenderedChart.chartDir().resolve("values-" + env + ".yaml"));
    Set<String> examples = new LinkedHashSet<>();
    Matcher matcher = ACCOUNT_SPECIFIC.matcher(committed);
    while (matcher.find()) {
      examples.add(matcher.group());
    }
    assertThat(examples).as("the examples this test looks for").hasSizeGreaterThan(5);

    RenderedChart.of(env + GeneratedValues.SUFFIX);
    String deployed =
        Files.readString(
            RenderedChart.renderedDir().resolve(env + GeneratedValues.SUFFIX + ".yaml"));

    assertThat(examples).allSatisfy(example -> assertThat(deployed).doesNotContain(example));
  }
}
