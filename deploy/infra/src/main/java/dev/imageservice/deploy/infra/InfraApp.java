package dev.imageservice.deploy.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: one {@link ImageServiceStack} per environment (dev, staging, prod), all checked by
 * cdk-nag's AWS Solutions rules. {@code cdk synth} runs {@link #main}; the tests call {@link
 * #synthesize} with an output folder under {@code target/}.
 */
public final class InfraApp {

  private InfraApp() {}

  /**
   * Builds the app with one stack per environment. Account and region come from {@code
   * CDK_DEFAULT_ACCOUNT} / {@code CDK_DEFAULT_REGION} when set (a real deploy), otherwise the
   * stacks stay environment-agnostic (synthesis in tests).
   *
   * @param outdir where the cloud assembly is written
   * @return the app and its stacks, not yet synthesised
   */
  public static Assembly build(String outdir) {
    return build(outdir, Map.of());
  }

  /**
   * Builds the app with extra context (tests: generated thumbnail signing public keys; a real
   * synthesis reads them from {@code cdk.context.json} or {@code -c}).
   *
   * @param outdir where the cloud assembly is written
   * @param context CDK context values, e.g. {@link ThumbnailSigning#contextKey}
   * @return the app and its stacks, not yet synthesised
   */
  public static Assembly build(String outdir, Map<String, ?> context) {
    App app = new App(AppProps.builder().outdir(outdir).context(Map.copyOf(context)).build());
    List<ImageServiceStack> stacks = new ArrayList<>();
    for (EnvironmentSettings settings : EnvironmentSettings.all()) {
      StackProps.Builder props =
          StackProps.builder()
              .stackName(settings.stackName())
              .description("image-service " + settings.name() + ": network, data, EKS, edge");
      environment().ifPresent(props::env);
      stacks.add(new ImageServiceStack(app, settings.stackName(), settings, props.build()));
    }
    if (!stacks.isEmpty()) {
      StackProps.Builder props =
          StackProps.builder()
              .stackName("ImageService-registry")
              .description("image-service: ECR repositories the environments pull from");
      environment().ifPresent(props::env);
      new Registry(
          app,
          "ImageService-registry",
          stacks.stream().map(s -> s.settings().site().account()).distinct().toList(),
          props.build());
    }
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    return new Assembly(app, List.copyOf(stacks));
  }

  /**
   * Builds and synthesises the app into {@code outdir}.
   *
   * @param outdir where the cloud assembly (one template per stack) is written
   * @return the synthesised app and its stacks
   */
  public static Assembly synthesize(String outdir) {
    return synthesize(outdir, Map.of());
  }

  /**
   * Builds with extra context and synthesises the app into {@code outdir}.
   *
   * @param outdir where the cloud assembly is written
   * @param context CDK context values
   * @return the synthesised app and its stacks
   */
  public static Assembly synthesize(String outdir, Map<String, ?> context) {
    Assembly assembly = build(outdir, context);
    assembly.app().synth();
    return assembly;
  }

  public static void main(String[] args) {
    synthesize(System.getenv().getOrDefault("CDK_OUTDIR", "cdk.out"));
  }

  private static Optional<Environment> environment() {
    String account = System.getenv("CDK_DEFAULT_ACCOUNT");
    String region = System.getenv("CDK_DEFAULT_REGION");
    if (account == null || region == null) {
      return Optional.empty();
    }
    return Optional.of(Environment.builder().account(account).region(region).build());
  }

  /**
   * The app and its stacks, in environment order.
   *
   * @param app the CDK app
   * @param stacks one stack per environment
   */
  public record Assembly(App app, List<ImageServiceStack> stacks) {}
}
