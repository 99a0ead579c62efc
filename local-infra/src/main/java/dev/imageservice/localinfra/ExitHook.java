package dev.imageservice.localinfra;

/**
 * A JVM shutdown hook held until it is closed: what the embedded servers and a benchmark's child
 * processes use so that a plain {@code kill} stops them too. Closing withdraws it; once the JVM is
 * exiting, closing does nothing (the hook runs, or has run). Thread-safe.
 */
public final class ExitHook implements AutoCloseable {

  private final Thread hook;

  private ExitHook(Thread hook) {
    this.hook = hook;
  }

  /**
   * Registers {@code action} to run when the JVM exits, on a thread named {@code name}.
   *
   * @throws IllegalStateException if the JVM is already exiting
   */
  public static ExitHook register(String name, Runnable action) {
    Thread hook = new Thread(action, name);
    Runtime.getRuntime().addShutdownHook(hook);
    return new ExitHook(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // The JVM is exiting: the hook runs, or already ran.
    }
  }
}
