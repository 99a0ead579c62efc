package dev.imageservice.local.bench;

import dev.imageservice.localinfra.ExitHook;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Processes a benchmark starts (workers, a client), stopped when it closes them or, should this JVM
 * exit first, by a shutdown hook: a benchmark stopped with a plain {@code kill} left its worker
 * processes running, retrying against servers that had gone with it. Stopping sends each process
 * the signal to stop gracefully and waits for it to end. Thread-safe.
 */
final class ChildProcesses implements AutoCloseable {

  private final List<Process> started = new CopyOnWriteArrayList<>();
  private final ExitHook exitHook = ExitHook.register("bench-children-stop", this::stop);

  private ChildProcesses() {}

  /** An empty set, whose members this JVM's exit stops from now on. */
  static ChildProcesses stoppedAtExit() {
    return new ChildProcesses();
  }

  /** Starts a process, listed as soon as it runs. */
  Process start(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    started.add(process);
    return process;
  }

  List<Process> processes() {
    return List.copyOf(started);
  }

  @Override
  public void close() {
    exitHook.close();
    stop();
  }

  private void stop() {
    started.forEach(Process::destroy);
    started.forEach(process -> process.onExit().join());
  }
}
