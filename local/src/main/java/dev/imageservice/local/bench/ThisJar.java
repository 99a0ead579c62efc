package dev.imageservice.local.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The command that starts another JVM from this jar (or class path) with the given arguments. */
final class ThisJar {

  private ThisJar() {}

  /**
   * {@code java -jar image-service-local.jar <arguments>} when this JVM was started so, else the
   * same main class on this JVM's class path: the benchmarks' worker and client processes run the
   * very code of the bench that starts them.
   */
  static List<String> command(String java, List<String> arguments) {
    String classPath = System.getProperty("java.class.path");
    List<String> command = new ArrayList<>();
    command.add(java);
    if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
      command.addAll(List.of("-jar", classPath));
    } else {
      command.addAll(List.of("-cp", classPath, "dev.imageservice.local.LocalImageService"));
    }
    command.addAll(arguments);
    return command;
  }
}
