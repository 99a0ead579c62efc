package dev.imageservice.deploy.infra;

import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The services' runtime database credentials ({@code image-service/<env>/db-runtime}: {@code
 * username} fixed, {@code password} generated, letters and digits only because the chart's role
 * script receives it as a Flyway placeholder inside a SQL literal). The API's migration-init
 * creates the role with them (as RDS's master user, the schema's owner) and grants it DML only; the
 * services connect with them and cannot change the schema.
 */
final class RuntimeDatabaseUser {

  /** The runtime role's name in PostgreSQL. */
  static final String USERNAME = "image_service_app";

  private RuntimeDatabaseUser() {}

  static Secret create(Construct scope, EnvironmentSettings settings, IKey key) {
    Secret secret =
        Secret.Builder.create(scope, "DatabaseRuntimeUser")
            .secretName("image-service/" + settings.name() + "/db-runtime")
            .description("PostgreSQL runtime role of the services (DML only)")
            .encryptionKey(key)
            .generateSecretString(
                SecretStringGenerator.builder()
                    .secretStringTemplate("{\"username\":\"" + USERNAME + "\"}")
                    .generateStringKey("password")
                    .excludePunctuation(true)
                    .includeSpace(false)
                    .passwordLength(40)
                    .build())
            .build();
    Suppressions.suppress(
        secret,
        "SMG4",
        "Rotating the runtime password needs the role script re-applied (a helm upgrade); see"
            + " docs/deploy.md.");
    return secret;
  }
}
