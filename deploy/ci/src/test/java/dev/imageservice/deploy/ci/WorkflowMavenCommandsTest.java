package dev.imageservice.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.deploy.ci.WorkflowMavenCommands.Command;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workflows' Maven command lines run as written ({@code jib:build} as {@code jib:buildTar}),
 * through the repository's own wrapper, up to the point where every mojo of every selected module
 * is known ({@link MavenPlan}): a wrong {@code -pl}, an unknown goal or plugin, a {@code -P} naming
 * no profile, or a Jib goal reaching a module that builds no image (the original bug: {@code -am}
 * with {@code jib:build} also ran Jib on {@code common}) fails here instead of in the pipeline.
 */
class WorkflowMavenCommandsTest {

  static List<Command> commands() {
    return WorkflowMavenCommands.all();
  }

  @Test
  void theWorkflowsMavenCommandsAreFound() {
    assertThat(commands())
        .extracting(Command::line)
        .contains(
            "./mvnw -DskipTests -DskipImages package",
            "./mvnw -q -pl deploy/infra -am -DskipTests -DskipImages install")
        .hasSizeGreaterThanOrEqualTo(7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyWorkflowMavenCommandPlansAsWritten(Command command) {
    MavenPlan plan = MavenPlan.of(command);
    assertThat(plan.problems()).as(command.toString()).isEmpty();
    assertThat(plan.mojos()).as("mojos planned by " + command).isNotEmpty();
  }

  @Test
  void jibWithAlsoMakeOnModulesWithoutAnImageIsRejected() {
    // The pipeline's push step before build-once: -am brings common and local-infra into Jib.
    MavenPlan plan =
        MavenPlan.of(
            command(
                "./mvnw -pl api-gateway,thumbnail-worker -am package jib:build"
                    + " -Dimage.registry=registry.example/ -Dimage.tag=v1.0.0"));
    assertThat(plan.problems())
        .anyMatch(p -> p.contains("jib:buildTar would run on common"))
        .noneMatch(p -> p.contains("on api-gateway") || p.contains("on thumbnail-worker"));
  }

  @Test
  void aWrongProjectListIsRejected() {
    MavenPlan plan = MavenPlan.of(command("./mvnw -q -pl deploy/infrastructure -am install"));
    assertThat(plan.problems())
        .singleElement()
        .asString()
        .contains("Could not find the selected project");
  }

  @Test
  void aMissingProfileIsRejected() {
    MavenPlan plan = MavenPlan.of(command("./mvnw -q -Pimages-push -DskipTests package"));
    assertThat(plan.problems()).containsExactly("-P images-push names no profile");
  }

  @Test
  void anUnknownGoalIsRejected() {
    MavenPlan plan = MavenPlan.of(command("./mvnw -q -pl deploy/infra exec:jav"));
    assertThat(plan.problems()).singleElement().asString().contains("exec:jav");
  }

  private static Command command(String line) {
    return new Command("test", WorkflowMavenCommands.variant(line), Map.of("MAVEN_ARGS", "-B"));
  }
}
