package dev.imageservice.deploy.helm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart rendered by Helm ({@code helm template} through helm-java) with one environment's
 * values file, written to {@code target/rendered/<env>.yaml} and parsed into one JSON object per
 * manifest. Rendered once per environment and test JVM; thread-safe.
 *
 * @param environment dev, staging or prod
 * @param manifests the rendered objects, in Helm's order
 */
record RenderedChart(String environment, List<JsonObject> manifests) {

  static final String NAMESPACE = "image-service";
  static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

  /**
   * The origin header value the deploy workflow passes from Secrets Manager ({@code --set
   * ingress.originVerify.value=...}); a made-up one here.
   */
  static final String ORIGIN_VERIFY_VALUE = "testOriginVerifyValue0123456789abcdef";

  private static final Map<String, RenderedChart> CACHE = new ConcurrentHashMap<>();

  /** The chart's folder. */
  static Path chartDir() {
    return Path.of(System.getProperty("chart.dir", "image-service"));
  }

  /** Where rendered manifests are written. */
  static Path renderedDir() {
    return Path.of(System.getProperty("rendered.dir", "target/rendered"));
  }

  /**
   * The chart rendered with {@code values-<environment>.yaml}; for {@code <env>-generated}, also
   * with the values {@code ValuesFromOutputs} generates from a describe-stacks sample ({@link
   * GeneratedValues}), as the pipeline deploys it.
   */
  static RenderedChart of(String environment) {
    return CACHE.computeIfAbsent(environment, RenderedChart::render);
  }

  private static RenderedChart render(String name) {
    String environment = name.replace(GeneratedValues.SUFFIX, "");
    var template =
        new Helm(chartDir())
            .template()
            .withName("image-service")
            .withNamespace(NAMESPACE)
            .withKubeVersion("1.33.0")
            .withValuesFile(chartDir().resolve("values-" + environment + ".yaml"));
    if (name.endsWith(GeneratedValues.SUFFIX)) {
      template = template.withValuesFile(GeneratedValues.of(environment));
    }
    return write(name, template.set("ingress.originVerify.value", ORIGIN_VERIFY_VALUE).call());
  }

  /**
   * The chart rendered with its defaults only ({@code values.yaml}, nothing set), as a plain {@code
   * helm template} would, without the Prometheus Operator's CRD or the origin secret.
   */
  static RenderedChart defaults() {
    return CACHE.computeIfAbsent(
        "defaults",
        name ->
            write(
                name,
                new Helm(chartDir())
                    .template()
                    .withName("image-service")
                    .withNamespace(NAMESPACE)
                    .withKubeVersion("1.33.0")
                    .call()));
  }

  /** A chart rendered by a test with its own values, parsed (and written as {@code name}.yaml). */
  static RenderedChart parsed(String name, String yaml) {
    return write(name, yaml);
  }

  private static RenderedChart write(String environment, String yaml) {
    try {
      Files.createDirectories(renderedDir());
      Files.writeString(renderedDir().resolve(environment + ".yaml"), yaml);
      return new RenderedChart(environment, parse(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonObject> parse(String yaml) throws IOException {
    YAMLMapper mapper = new YAMLMapper();
    try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class).readValues(yaml)) {
      return docs.readAll().stream()
          .filter(doc -> doc != null && !doc.isNull() && !doc.isMissingNode())
          .map(doc -> JsonParser.parseString(doc.toString()).getAsJsonObject())
          .toList();
    }
  }

  /** Every manifest of one kind. */
  List<JsonObject> ofKind(String kind) {
    return manifests.stream().filter(m -> m.get("kind").getAsString().equals(kind)).toList();
  }

  /** The manifest of {@code kind} named {@code name}; fails when there is none. */
  JsonObject get(String kind, String name) {
    return ofKind(kind).stream()
        .filter(m -> m.getAsJsonObject("metadata").get("name").getAsString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered"));
  }
}
