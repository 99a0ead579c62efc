package dev.imageservice.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jar's entry point, compiled for Java 17 (the oldest {@code java} Spring Boot's launcher runs
 * on) so that {@code java -jar image-service-local.jar} on an older {@code java} says what is wrong
 * instead of failing with {@code UnsupportedClassVersionError}. The README allows a JDK 25 as
 * {@code java} or as {@code JAVA_HOME}, and Maven honours {@code JAVA_HOME} while {@code java} is
 * whatever comes first on the {@code PATH} (Java 17 on a stock Debian 12): so when this runs on
 * Java 24 or older and {@code JAVA_HOME} is a JDK 25, it runs the same command there, with the same
 * JVM options, and ends with its exit status. Otherwise it says which {@code java} it found.
 *
 * <p>Everything here must compile with {@code --release 17}: {@link LocalImageService} is reached
 * by reflection only.
 */
public final class LocalLauncher {

  static final int REQUIRED = 25;

  /** Set on the second JVM, so that a {@code JAVA_HOME} that lies cannot start a loop. */
  static final String RELAUNCHED = "image-service.relaunched";

  private static final Pattern RELEASE_VERSION =
      Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

  private LocalLauncher() {}

  public static void main(String[] args) throws Exception {
    int running = Runtime.version().feature();
    if (running >= REQUIRED) {
      try {
        Class.forName("dev.imageservice.local.LocalImageService")
            .getMethod("main", String[].class)
            .invoke(null, (Object) args);
      } catch (InvocationTargetException e) {
        // What main threw, as if it had been called directly.
        Throwable cause = e.getCause();
        if (cause instanceof Error error) {
          throw error;
        }
        throw cause instanceof Exception exception ? exception : e;
      }
      return;
    }
    Path home = javaHome(System.getenv("JAVA_HOME"));
    if (home == null || Boolean.getBoolean(RELAUNCHED)) {
      System.err.println(
          "image-service needs Java "
              + REQUIRED
              + " or newer, and this `java` is Java "
              + running
              + " ("
              + System.getProperty("java.home")
              + "). Put a JDK "
              + REQUIRED
              + " first on the PATH, or set JAVA_HOME to one"
              + (System.getenv("JAVA_HOME") == null
                  ? "."
                  : " (JAVA_HOME is "
                      + System.getenv("JAVA_HOME")
                      + ", not a JDK "
                      + REQUIRED
                      + ")."));
      System.exit(1);
    }
    System.exit(relaunch(home, args));
  }

  /** The JDK at {@code javaHome} when its {@code release} file says it is new enough, else null. */
  static Path javaHome(String javaHome) {
    if (javaHome == null || javaHome.isBlank()) {
      return null;
    }
    Path home = Path.of(javaHome);
    return feature(home) >= REQUIRED && Files.isExecutable(home.resolve("bin/java")) ? home : null;
  }

  /** The Java feature version a JDK's {@code release} file states, or 0 when it states none. */
  static int feature(Path home) {
    try {
      Matcher version = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
      return version.find() ? Integer.parseInt(version.group(1)) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static int relaunch(Path home, String[] args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-D" + RELAUNCHED + "=true");
    command.add("-jar");
    command.add(System.getProperty("java.class.path"));
    command.addAll(Arrays.asList(args));
    System.err.println(
        "this `java` is Java " + Runtime.version().feature() + "; running on JAVA_HOME " + home);
    Process child = new ProcessBuilder(command).inheritIO().start();
    // Ctrl-C reaches both JVMs (one process group); a plain kill of this one must stop the child
    // too, or it would outlive the command that started it.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "relaunch-stop"));
    return child.waitFor();
  }

  private static void stop(Process child) {
    if (child.isAlive()) {
      child.destroy();
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
