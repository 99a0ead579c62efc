package dev.imageservice.worker.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-JVM entry for memory tests: runs {@link RenderCommand} with the given arguments, then
 * prints this process's peak resident set ({@code VmHWM} from {@code /proc/self/status}) and exits
 * with the command's code.
 */
public final class PeakRss {

  private PeakRss() {}

  public static void main(String[] args) throws IOException {
    int code = RenderCommand.run(args);
    Path status = Path.of("/proc/self/status");
    if (Files.isReadable(status)) {
      Files.readAllLines(status).stream()
          .filter(line -> line.startsWith("VmHWM"))
          .forEach(line -> System.out.println("peak RSS " + line.replaceAll("\\s+", " ")));
    }
    System.exit(code);
  }
}
