package dev.imageservice.deploy.helm;

import dev.imageservice.deploy.infra.ValuesFromOutputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The values file the pipeline generates (deploy.yml, "Values from the stack's outputs"), made here
 * by the same command, {@code ValuesFromOutputs <env> <outputs.json> <registry> <target>}, from a
 * describe-stacks sample in AWS's output shape ({@code
 * src/test/resources/stack-outputs/ImageService-<env>.json}; the environment files are
 * deploy/infra's test fixtures, whose accounts the samples use). Stateless.
 */
final class GeneratedValues {

  /** Suffix of a {@link RenderedChart} name rendered with the generated values. */
  static final String SUFFIX = "-generated";

  /** The registry host of the samples' dev account. */
  static final String REGISTRY = "210987654321.dkr.ecr.us-east-1.amazonaws.com";

  private GeneratedValues() {}

  /** Generates {@code values-<env>.generated.yaml} under the rendered folder and returns it. */
  static Path of(String environment) {
    try {
      Path outputs =
          Path.of(System.getProperty("stack.outputs.dir", "src/test/resources/stack-outputs"))
              .resolve("ImageService-" + environment + ".json");
      Files.createDirectories(RenderedChart.renderedDir());
      Path target =
          RenderedChart.renderedDir().resolve("values-" + environment + ".generated.yaml");
      ValuesFromOutputs.main(
          new String[] {environment, outputs.toString(), REGISTRY, target.toString()});
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
