package dev.imageservice.localinfra;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link EmbeddedPostgresServerTest}'s child process: begins this JVM's exit just before the
 * embedded PostgreSQL starts (as a {@code kill} during the local run's first seconds does), then
 * lets the start go on. The JVM exits with status 3 once its shutdown hooks have run; whatever
 * server is left running afterwards is what such a kill leaves. One hook of its own waits for the
 * start to end, as the local run's hook, stopping its services, takes a while: so the exit does not
 * end the JVM before the start could leave a server behind.
 */
final class PostgresStartDuringExit {

  private PostgresStartDuringExit() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch startEnded = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> awaitAtMostAMinute(startEnded), "other-services"));
    try {
      EmbeddedPostgresServer.start(
          Path.of(args[0]), Path.of(args[1]), 0, PostgresStartDuringExit::beginExit);
      System.out.println("start returned");
    } finally {
      startEnded.countDown();
    }
    // The exit ends this JVM once the hooks are done.
    new CountDownLatch(1).await();
  }

  private static void beginExit() {
    Thread.ofPlatform().start(() -> System.exit(3));
    await().atMost(Duration.ofSeconds(30)).until(PostgresStartDuringExit::exiting);
  }

  private static void awaitAtMostAMinute(CountDownLatch latch) {
    try {
      latch.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // A JVM refuses new shutdown hooks once it runs them.
  private static boolean exiting() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }
}
