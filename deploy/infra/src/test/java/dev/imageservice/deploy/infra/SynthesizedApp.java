package dev.imageservice.deploy.infra;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/**
 * The CDK app synthesised once per test JVM into {@code target/cdk.out} (synthesis starts the jsii
 * node runtime and takes seconds), with each stack's template parsed once. Thread-safe.
 */
final class SynthesizedApp {

  private static InfraApp.Assembly assembly;
  private static final Map<String, Template> TEMPLATES = new HashMap<>();

  private SynthesizedApp() {}

  /** The synthesised app. */
  static synchronized InfraApp.Assembly assembly() {
    if (assembly == null) {
      assembly = InfraApp.synthesize(System.getProperty("cdk.outdir", "target/cdk.out"));
    }
    return assembly;
  }

  /** The stack of one environment. */
  static ImageServiceStack stack(String environment) {
    return assembly().stacks().stream()
        .filter(s -> s.getStackName().equals("ImageService-" + environment))
        .findFirst()
        .orElseThrow();
  }

  /** The template of one environment's stack. */
  static synchronized Template template(String environment) {
    return TEMPLATES.computeIfAbsent(environment, e -> Template.fromStack(stack(e)));
  }
}
