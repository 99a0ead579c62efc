package dev.imageservice.deploy.infra;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
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
  private static final Map<String, String> PUBLIC_KEYS = new HashMap<>();

  private SynthesizedApp() {}

  /** The synthesised app. */
  static synchronized InfraApp.Assembly assembly() {
    if (assembly == null) {
      Map<String, Object> context = new HashMap<>();
      for (EnvironmentSettings env : EnvironmentSettings.all()) {
        context.put(ThumbnailSigning.contextKey(env.name()), publicKeyPem(env.name()));
      }
      assembly = InfraApp.synthesize(System.getProperty("cdk.outdir", "target/cdk.out"), context);
    }
    return assembly;
  }

  /**
   * A public key generated for this test JVM, one per environment, as operators would pass it
   * ({@code -c image-service:<env>:thumbnail-signing-public-key=...}); its private half is dropped.
   */
  static synchronized String publicKeyPem(String environment) {
    return PUBLIC_KEYS.computeIfAbsent(
        environment,
        e -> {
          try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPublic().getEncoded();
            return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
          } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
          }
        });
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
