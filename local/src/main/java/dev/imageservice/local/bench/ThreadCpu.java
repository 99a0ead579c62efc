package dev.imageservice.local.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CPU of processes split by what their threads do, read from Linux's {@code /proc/<pid>/stat}
 * and {@code /proc/<pid>/task/<tid>/stat}: the JIT's compiler threads (HotSpot names them {@code C1
 * CompilerThre...} and {@code C2 CompilerThre...}) and the garbage collector's ({@code GC
 * Thread#n}, {@code G1 ...}), beside the whole process. The benchmark uses it to warm a JVM up
 * until its compiler is idle, and to print the compiler's and GC's shares of a measured window next
 * to the ratio, so that neither hides in it.
 *
 * <p>Per-thread CPU of a thread that has exited is gone from {@code /proc}, and HotSpot stops
 * compiler threads it no longer needs; {@link #sample()} therefore keeps each thread's last value
 * and adds what it used since, so calling it every second or so loses at most a second of an
 * exiting thread. The process total ({@code /proc/<pid>/stat}) includes exited threads. Values are
 * clock ticks (100 per second on Linux), used only for shares. Not thread-safe beyond its
 * synchronized methods; on a system without {@code /proc} everything reads 0 and {@link
 * #available()} is false.
 */
final class ThreadCpu {

  /**
   * Cumulative ticks since this meter started, and of the process's ticks those spent in the kernel
   * ({@code system}), with the minor page faults the processes took: on these virtual machines a
   * fault costs about 12 microseconds of kernel time, so fresh memory touched for every job shows
   * here and not in any Java profile.
   */
  record Totals(long process, long compiler, long gc, long system, long minorFaults) {

    Totals minus(Totals earlier) {
      return new Totals(
          process - earlier.process,
          compiler - earlier.compiler,
          gc - earlier.gc,
          system - earlier.system,
          minorFaults - earlier.minorFaults);
    }

    /** The kernel's share of the process's CPU, in percent (0 when nothing ran). */
    double systemPercent() {
      return process <= 0 ? 0 : 100.0 * system / process;
    }

    /** The compiler threads' share of the process's CPU, in percent (0 when nothing ran). */
    double compilerPercent() {
      return process <= 0 ? 0 : 100.0 * compiler / process;
    }

    double gcPercent() {
      return process <= 0 ? 0 : 100.0 * gc / process;
    }
  }

  private final List<Long> pids;
  private final Map<String, Long> lastByTask = new HashMap<>();
  private final Map<Long, long[]> processStart = new HashMap<>();
  private static final Pattern NUMBER = Pattern.compile("[#\\-]?\\d+(-\\d+)*$");

  private final Map<String, Long> byKind = new HashMap<>();

  ThreadCpu(List<Long> pids) {
    this.pids = List.copyOf(pids);
    for (long pid : this.pids) {
      processStart.put(pid, processCounters(pid));
    }
    // Threads alive now are the baseline: only what they use from here on counts.
    readTasks(true);
  }

  static ThreadCpu of(long pid) {
    return new ThreadCpu(List.of(pid));
  }

  boolean available() {
    return Files.isDirectory(Path.of("/proc/self/task"));
  }

  /** Reads every thread's CPU now; call it at least every second or two while a window runs. */
  synchronized void sample() {
    readTasks(false);
  }

  /** Samples, then returns the totals since this meter started. */
  synchronized Totals totals() {
    readTasks(false);
    long process = 0;
    long system = 0;
    long faults = 0;
    for (long pid : pids) {
      long[] now = processCounters(pid);
      long[] start = processStart.get(pid);
      process += now[0] - start[0];
      system += now[1] - start[1];
      faults += now[2] - start[2];
    }
    long compiler = 0;
    long gc = 0;
    // The compiler's and GC's shares are kinds of thread like the others, summed here.
    for (Map.Entry<String, Long> kind : byKind.entrySet()) {
      String name = kind.getKey();
      if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
        compiler += kind.getValue();
      } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
        gc += kind.getValue();
      }
    }
    return new Totals(process, compiler, gc, system, faults);
  }

  /**
   * Samples, then returns the ticks since this meter started by {@link #kind} of thread: where a
   * process's CPU goes beside the compiler and GC shares.
   */
  synchronized Map<String, Long> byKind() {
    readTasks(false);
    return Map.copyOf(byKind);
  }

  /**
   * A thread's name without its number: the pool's threads count together ({@code GC Thread#3},
   * {@code sdk-async-respo} of {@code sdk-async-response-2-4}). Linux keeps the first 15 characters
   * of a name, so the listener threads read {@code io.awspring.clo}.
   */
  static String kind(String name) {
    return NUMBER.matcher(name).replaceAll("");
  }

  private void readTasks(boolean baseline) {
    Set<String> seen = new HashSet<>();
    for (long pid : pids) {
      try (DirectoryStream<Path> tasks =
          Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
        for (Path task : tasks) {
          String[] stat = stat(task.resolve("stat"));
          if (stat == null) {
            continue;
          }
          String key = pid + "/" + task.getFileName();
          seen.add(key);
          long ticks = ticks(stat);
          // A thread first seen after the baseline started after it: all of its CPU is new.
          long previous = lastByTask.getOrDefault(key, baseline ? ticks : 0L);
          lastByTask.put(key, ticks);
          long used = Math.max(0, ticks - previous);
          byKind.merge(kind(stat[0]), used, Long::sum);
        }
      } catch (IOException | RuntimeException gone) {
        // The process has exited (or no /proc): nothing more to count for it.
      }
    }
    lastByTask.keySet().retainAll(seen);
  }

  /**
   * The process's utime + stime, its stime (field 15) and its minor faults (field 10); zeros once
   * it has exited.
   */
  private static long[] processCounters(long pid) {
    String[] stat = stat(Path.of("/proc/" + pid + "/stat"));
    return stat == null
        ? new long[3]
        : new long[] {ticks(stat), Long.parseLong(stat[13]), Long.parseLong(stat[8])};
  }

  /** utime + stime: fields 14 and 15 of stat, counted after the command name's closing bracket. */
  private static long ticks(String[] stat) {
    return Long.parseLong(stat[12]) + Long.parseLong(stat[13]);
  }

  /**
   * The command name (element 0; it may contain spaces and brackets) followed by the fields after
   * it, from field 3 (state) on; null when the file is gone.
   */
  private static String[] stat(Path file) {
    String line;
    try {
      line = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException gone) {
      return null;
    }
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      return null;
    }
    String[] rest = line.substring(close + 2).trim().split(" ");
    String[] fields = new String[rest.length + 1];
    fields[0] = line.substring(open + 1, close);
    System.arraycopy(rest, 0, fields, 1, rest.length);
    return fields;
  }
}
