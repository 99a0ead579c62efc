package dev.imageservice.deploy.ci.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.Profile;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;

/**
 * A Maven core extension (loaded with {@code -Dmaven.ext.class.path}) that turns a build into its
 * plan: after Maven has parsed the command line, read the reactor and applied {@code -pl}/{@code
 * -am}/{@code -P} (a wrong project list has already failed), it resolves every task of the command
 * to the mojo executions each selected project would run (an unknown goal, plugin prefix or phase
 * fails here, as in the real build), writes them to the file named by {@code
 * IMAGE_SERVICE_PLAN_FILE} and stops the build before any mojo runs.
 *
 * <p>Does nothing without that variable. Output lines, tab-separated: {@code mojo artifactId
 * packaging pluginGroupId:pluginArtifactId goal executionId declared} ({@code declared}: the
 * project's own build names the plugin) and {@code missing-profile id}.
 */
@Named("image-service-plan-only")
@Singleton
public class PlanOnlyParticipant extends AbstractMavenLifecycleParticipant {

  /** The exception message that says the plan was written (the build is stopped on purpose). */
  public static final String MARKER = "image-service plan-only: plan written, nothing was run";

  private final LifecycleExecutor lifecycle;

  @Inject
  public PlanOnlyParticipant(LifecycleExecutor lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void afterProjectsRead(MavenSession session) throws MavenExecutionException {
    String file = System.getenv("IMAGE_SERVICE_PLAN_FILE");
    if (file == null || file.isBlank()) {
      return;
    }
    List<String> lines = new ArrayList<>(missingProfiles(session));
    String[] tasks = session.getGoals().toArray(new String[0]);
    MavenProject current = session.getCurrentProject();
    try {
      for (MavenProject project : session.getProjects()) {
        session.setCurrentProject(project);
        for (MojoExecution mojo :
            lifecycle.calculateExecutionPlan(session, tasks).getMojoExecutions()) {
          lines.add(
              String.join(
                  "\t",
                  "mojo",
                  project.getArtifactId(),
                  project.getPackaging(),
                  mojo.getGroupId() + ":" + mojo.getArtifactId(),
                  mojo.getGoal(),
                  mojo.getExecutionId(),
                  Boolean.toString(declares(project, mojo))));
        }
      }
    } catch (Exception e) {
      // As the real build would fail on it (unknown goal, unresolvable plugin, ...).
      throw new MavenExecutionException("cannot plan " + String.join(" ", tasks) + ": " + e, e);
    } finally {
      session.setCurrentProject(current);
    }
    try {
      Files.write(Path.of(file), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MavenExecutionException("cannot write " + file, e);
    }
    throw new MavenExecutionException(MARKER, (Throwable) null);
  }

  private static boolean declares(MavenProject project, MojoExecution mojo) {
    for (Plugin plugin : project.getBuildPlugins()) {
      if (plugin.getGroupId().equals(mojo.getGroupId())
          && plugin.getArtifactId().equals(mojo.getArtifactId())) {
        return true;
      }
    }
    return false;
  }

  // Maven 3.9 only warns (and not at all under -q) about a -P naming no profile.
  private static List<String> missingProfiles(MavenSession session) {
    Set<String> known = new HashSet<>();
    for (MavenProject project : session.getAllProjects()) {
      for (Profile profile : project.getModel().getProfiles()) {
        known.add(profile.getId());
      }
    }
    session.getRequest().getProfiles().forEach(p -> known.add(p.getId())); // settings.xml
    List<String> missing = new ArrayList<>();
    for (String requested : session.getRequest().getActiveProfiles()) {
      String id = requested.replaceFirst("^[!?+-]+", "");
      if (!requested.startsWith("?") && !known.contains(id)) {
        missing.add("missing-profile\t" + id);
      }
    }
    return missing;
  }
}
