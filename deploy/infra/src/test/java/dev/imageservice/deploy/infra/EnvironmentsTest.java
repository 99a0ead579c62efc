package dev.imageservice.deploy.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** One app, one stack per environment, each with its own settings; templates land on disk. */
class EnvironmentsTest {

  @Test
  void appSynthesisesOneTemplatePerEnvironmentIntoTheOutputFolder() {
    Path outdir = Path.of(SynthesizedApp.assembly().app().getOutdir());
    for (String env : new String[] {"dev", "staging", "prod"}) {
      assertThat(outdir.resolve("ImageService-" + env + ".template.json")).isRegularFile();
    }
    assertThat(SynthesizedApp.assembly().stacks()).hasSize(3);
  }

  @Test
  void prodRunsAMultiAzDatabaseWithDeletionProtectionAndDevDoesNot() {
    SynthesizedApp.template("prod")
        .hasResourceProperties(
            "AWS::RDS::DBInstance",
            Match.objectLike(Map.of("MultiAZ", true, "DeletionProtection", true)));
    SynthesizedApp.template("dev")
        .hasResourceProperties(
            "AWS::RDS::DBInstance",
            Match.objectLike(Map.of("MultiAZ", false, "DeletionProtection", false)));
  }

  @Test
  void bucketNamesAreGeneratedNotFixedBecauseS3NamesAreGlobal() throws Exception {
    for (EnvironmentSettings env : EnvironmentSettings.all()) {
      String template =
          Files.readString(
              Path.of(SynthesizedApp.assembly().app().getOutdir())
                  .resolve(env.stackName() + ".template.json"));
      // A fixed name is a literal; the bucket-notification resource names the bucket by Ref.
      assertThat(template)
          .doesNotContainPattern("\"BucketName\"\\s*:\\s*\"")
          .doesNotContain("images-bucket-");
    }
  }

  @Test
  void irsaRolesCarryTheNamesTheHelmValuesUse() {
    for (EnvironmentSettings env : EnvironmentSettings.all()) {
      for (String role : new String[] {"api", "worker", "queue-scaler", "secrets-reader"}) {
        SynthesizedApp.template(env.name())
            .hasResourceProperties(
                "AWS::IAM::Role",
                Match.objectLike(Map.of("RoleName", "image-service-" + env.name() + "-" + role)));
      }
    }
  }
}
