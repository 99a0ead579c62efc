package dev.imageservice.worker.job;

import dev.imageservice.worker.system.TransientFailureException;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/** Turns database failures into the retryable {@link TransientFailureException}. */
final class Database {

  private Database() {}

  static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (JdbiException e) {
      throw new TransientFailureException("database unavailable", e);
    }
  }
}
