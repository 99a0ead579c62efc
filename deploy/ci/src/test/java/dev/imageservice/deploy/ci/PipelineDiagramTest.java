package dev.imageservice.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The workflows implement the CI/CD diagram (shared/design/seed-deployment.md): Maven build → unit
 * tests → integration tests → security scan → image build → ECR → Helm deploy → dev → staging →
 * prod (manual approval) → health check, with rollback on a failed check.
 */
class PipelineDiagramTest {

  private final JsonNode pipeline = Workflows.read("pipeline.yml").path("jobs");
  private final JsonNode deploy = Workflows.read("deploy.yml");

  @Test
  void ciStagesRunInTheDiagramsOrder() {
    assertThat(Workflows.needs(pipeline.path("unit-tests"))).containsExactly("build");
    assertThat(Workflows.needs(pipeline.path("integration-tests"))).containsExactly("unit-tests");
    assertThat(Workflows.needs(pipeline.path("security-scan")))
        .containsExactly("integration-tests");
    assertThat(Workflows.needs(pipeline.path("image")))
        .containsExactly("security-scan", "image-scan");
    assertThat(Workflows.needs(pipeline.path("image-scan"))).containsExactly("integration-tests");
    assertThat(Workflows.steps(pipeline.path("build"))).contains("./mvnw");
    assertThat(Workflows.steps(pipeline.path("integration-tests"))).contains("./mvnw verify");
    assertThat(Workflows.steps(pipeline.path("security-scan")))
        .contains("spotbugs-maven-plugin:check", "cyclonedx-maven-plugin:makeAggregateBom");
  }

  @Test
  void theImagesTestedAreTheImagesScannedPushedAndDeployedByDigest() {
    // Built once by Jib (buildTar at package) in the integration tests, which run them.
    assertThat(Workflows.steps(pipeline.path("integration-tests")))
        .contains("actions/upload-artifact");
    String scan = Workflows.steps(pipeline.path("image-scan"));
    assertThat(scan).contains("actions/download-artifact", "aquasecurity/trivy-action");
    String image = Workflows.steps(pipeline.path("image"));
    assertThat(image)
        .contains("actions/download-artifact", "aws-actions/amazon-ecr-login", "skopeo copy")
        .contains("--digestfile")
        .doesNotContain("./mvnw", "docker build");
    String deploySteps = Workflows.steps(deploy.path("jobs").path("helm-deploy"));
    assertThat(deploySteps)
        .contains("image.digests.image-service=\"${{ inputs.api-digest }}\"")
        .contains("image.digests.image-service-worker=\"${{ inputs.worker-digest }}\"");
  }

  @Test
  void infrastructureIsDiffedAndDeployedBeforeTheChartAndValuesComeFromItsOutputs() {
    JsonNode jobs = deploy.path("jobs");
    assertThat(Workflows.steps(jobs.path("infra"))).contains("aws-cdk@2 diff", "aws-cdk@2 deploy");
    assertThat(Workflows.needs(jobs.path("helm-deploy"))).containsExactly("infra");
    assertThat(Workflows.steps(jobs.path("helm-deploy")))
        .contains("describe-stacks", "ValuesFromOutputs", "--values values-generated.yaml")
        .contains("select(.OutputKey == \"PublicUrl\")")
        .contains("deploy/scripts/public-health-check.sh \"${url}\"");
  }

  @Test
  void deploymentsGoDevThenStagingThenProd() {
    assertThat(Workflows.needs(pipeline.path("deploy-dev"))).containsExactly("image");
    assertThat(Workflows.needs(pipeline.path("deploy-staging"))).contains("deploy-dev");
    assertThat(Workflows.needs(pipeline.path("deploy-prod"))).contains("deploy-staging");
    for (String env : new String[] {"dev", "staging", "prod"}) {
      JsonNode job = pipeline.path("deploy-" + env);
      assertThat(job.path("uses").asString()).isEqualTo("./.github/workflows/deploy.yml");
      assertThat(job.path("with").path("environment").asString()).isEqualTo(env);
    }
  }

  @Test
  void eachDeploymentWaitsForItsEnvironmentThenChecksHealthAndRollsBack() {
    JsonNode job = deploy.path("jobs").path("helm-deploy");
    // Required reviewers on the GitHub environment "prod" make this the manual approval.
    assertThat(job.path("environment").path("name").asString())
        .isEqualTo("${{ inputs.environment }}");
    String steps = Workflows.steps(job);
    assertThat(steps)
        .contains("helm upgrade --install", "values-${{ inputs.environment }}.yaml")
        .contains("/readyz")
        .contains("ingress.originVerify.value")
        .contains("helm rollback");
    JsonNode rollback = job.path("steps").get(job.path("steps").size() - 1);
    assertThat(rollback.path("if").asString()).startsWith("failure()");
  }

  @Test
  void dependencyCheckRunsOnlyOnASchedule() {
    JsonNode on = Workflows.read("dependency-check.yml").path("on");
    assertThat(on.has("schedule")).isTrue();
    assertThat(on.has("push")).isFalse();
    assertThat(Workflows.read("pipeline.yml").toString()).doesNotContain("dependency-check");
  }
}
