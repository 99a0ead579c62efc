package dev.imageservice.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One version across the build, the chart and the image tags: the root pom's version without {@code
 * -SNAPSHOT} is the chart's {@code version}; {@code v} and that version is the chart's {@code
 * appVersion}, the image tag of every values file that sets one and the prefix of the tag CI
 * pushes; a local build tags its images {@code v} and the pom version. To release, change the pom
 * versions ({@code ./mvnw versions:set}) and these fields together.
 */
class VersionAgreementTest {

  private static final Pattern PROJECT_VERSION =
      Pattern.compile(
          "<artifactId>image-service-parent</artifactId>\\s*<version>([^<]+)</version>");
  private static final Pattern CI_TAG = Pattern.compile("tag=(v[^-\"$]+)-\\$\\{GITHUB_SHA");

  private final YAMLMapper yaml = new YAMLMapper();

  @Test
  void chartVersionAndAppVersionAreThePomVersion() throws IOException {
    JsonNode chart = yaml.readTree(RenderedChart.chartDir().resolve("Chart.yaml").toFile());

    assertThat(chart.get("version").asString()).isEqualTo(release());
    assertThat(chart.get("appVersion").asString()).isEqualTo("v" + release());
  }

  @Test
  void everyValuesFileDeploysTheImagesOfThatVersion() throws IOException {
    try (Stream<Path> files = Files.list(RenderedChart.chartDir())) {
      for (Path values :
          files.filter(f -> f.getFileName().toString().startsWith("values")).toList()) {
        if (!values.getFileName().toString().endsWith(".yaml")) {
          continue;
        }
        JsonNode tag = yaml.readTree(values.toFile()).path("image").path("tag");
        if (!tag.isMissingNode()) {
          assertThat(tag.asString()).as(values.getFileName().toString()).isEqualTo("v" + release());
        }
      }
    }
  }

  @Test
  void imagesBuiltByMavenAndByCiCarryThatVersion() throws IOException {
    String pom = Files.readString(root().resolve("pom.xml"));
    Matcher ci = CI_TAG.matcher(Files.readString(root().resolve(".github/workflows/pipeline.yml")));

    assertThat(pom).contains("<image.tag>v${project.version}</image.tag>");
    assertThat(ci.find()).as("pipeline.yml sets tag=v<version>-${GITHUB_SHA...}").isTrue();
    assertThat(ci.group(1)).isEqualTo("v" + release());
  }

  /** The root pom's version without -SNAPSHOT: what a release of this tree is called. */
  private static String release() throws IOException {
    Matcher m = PROJECT_VERSION.matcher(Files.readString(root().resolve("pom.xml")));
    assertThat(m.find()).as("root pom version").isTrue();
    return m.group(1).replace("-SNAPSHOT", "");
  }

  /** The repository root: the chart lives in deploy/helm/image-service. */
  private static Path root() {
    return RenderedChart.chartDir()
        .toAbsolutePath()
        .normalize()
        .getParent()
        .getParent()
        .getParent();
  }
}
