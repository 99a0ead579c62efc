package dev.imageservice.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GitHub's rule for reusable workflows, which actionlint does not check: a called workflow's jobs
 * get at most the permissions of the job that calls them (its own {@code permissions}, else the
 * caller workflow's). A nested job asking for more ({@code id-token: write} for OIDC under a caller
 * with {@code contents: read}) makes the whole run invalid before any step runs.
 */
class WorkflowPermissionsTest {

  private static final List<String> LEVELS = List.of("none", "read", "write");

  @Test
  void everyNestedJobAsksForNoMoreThanItsCallerGrants() {
    List<String> violations = new ArrayList<>();
    for (String file : List.of("pipeline.yml", "deploy.yml", "dependency-check.yml")) {
      JsonNode workflow = Workflows.read(file);
      workflow
          .path("jobs")
          .properties()
          .forEach(
              job -> {
                String uses = job.getValue().path("uses").asString("");
                if (!uses.startsWith("./.github/workflows/")) {
                  return;
                }
                Map<String, String> granted = permissions(job.getValue(), workflow);
                JsonNode called = Workflows.read(uses.substring("./.github/workflows/".length()));
                called
                    .path("jobs")
                    .properties()
                    .forEach(
                        nested ->
                            permissions(nested.getValue(), called)
                                .forEach(
                                    (scope, level) -> {
                                      String allowed = granted.getOrDefault(scope, "none");
                                      if (LEVELS.indexOf(level) > LEVELS.indexOf(allowed)) {
                                        violations.add(
                                            "%s job %s -> %s job %s asks %s: %s, caller grants %s"
                                                .formatted(
                                                    file,
                                                    job.getKey(),
                                                    uses,
                                                    nested.getKey(),
                                                    scope,
                                                    level,
                                                    allowed));
                                      }
                                    }));
              });
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void theRuleCatchesTheCallerThatGrantsOnlyContentsRead() {
    JsonNode caller =
        new tools.jackson.dataformat.yaml.YAMLMapper()
            .readTree("permissions: {contents: read}\njobs: {d: {uses: ./x.yml}}");
    assertThat(permissions(caller.path("jobs").path("d"), caller))
        .containsEntry("contents", "read")
        .doesNotContainKey("id-token");
  }

  // A job's effective permissions: its own block, else its workflow's (GitHub's default when
  // neither says anything is treated as read-all here, the restrictive org setting).
  static Map<String, String> permissions(JsonNode job, JsonNode workflow) {
    JsonNode block =
        job.has("permissions") ? job.path("permissions") : workflow.path("permissions");
    Map<String, String> permissions = new TreeMap<>();
    if (block.isString()) {
      String all = block.asString().replace("-all", "");
      for (String scope : List.of("contents", "id-token", "packages", "actions", "checks")) {
        permissions.put(scope, scope.equals("id-token") && all.equals("read") ? "none" : all);
      }
    } else {
      block.properties().forEach(p -> permissions.put(p.getKey(), p.getValue().asString()));
    }
    return permissions;
  }
}
