package dev.imageservice.deploy.infra;

import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The tenants' API keys in Secrets Manager, generated in a shape the API accepts: a JSON object
 * {@code {"tenant": "<env>-bootstrap", "key": "<40 random letters and digits>"}}; the chart's
 * ExternalSecret renders it as {@code tenant:key} ({@code image-service.auth.keys}), the API
 * requires keys of at least 24 characters. Operators add tenants by editing {@code more} (a
 * comma-separated {@code tenant:key} list, empty at first).
 */
final class ApiKeysSecret {

  /** The generated key's length (the API requires at least 24). */
  static final int KEY_LENGTH = 40;

  private ApiKeysSecret() {}

  static Secret create(Construct scope, EnvironmentSettings settings, IKey key) {
    Secret secret =
        Secret.Builder.create(scope, "ApiKeys")
            .secretName("image-service/" + settings.name() + "/api-keys")
            .description(
                "API keys: {tenant, key} generated, more = further tenant:key pairs (operators)")
            .encryptionKey(key)
            .generateSecretString(
                SecretStringGenerator.builder()
                    .secretStringTemplate(
                        "{\"tenant\":\"" + settings.name() + "-bootstrap\",\"more\":\"\"}")
                    .generateStringKey("key")
                    .excludePunctuation(true)
                    .includeSpace(false)
                    .passwordLength(KEY_LENGTH)
                    .build())
            .build();
    Suppressions.suppress(
        secret, "SMG4", "API keys are issued to tenants and rotated with them, not on a timer.");
    return secret;
  }
}
