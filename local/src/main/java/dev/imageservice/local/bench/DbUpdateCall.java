package dev.imageservice.local.bench;

import org.jdbi.v3.core.Jdbi;

/**
 * One database round trip as the worker's autocommitted statements make it ({@code
 * JobLifecycle#claim}, the timings insert, the relay's two): a handle from the pool, one single-row
 * {@code UPDATE} with a bound parameter, the handle back. Its table is the bench's own, created
 * here, so that the project's schema needs no migrations in the bench.
 */
final class DbUpdateCall implements FloorCall {

  private final Jdbi jdbi;

  private DbUpdateCall(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static DbUpdateCall of(Jdbi jdbi) {
    jdbi.useHandle(
        handle -> {
          handle.execute(
              "create table if not exists sdk_floor (id int primary key, calls bigint not null)");
          handle.execute("insert into sdk_floor values (1, 0) on conflict (id) do nothing");
        });
    return new DbUpdateCall(jdbi);
  }

  @Override
  public CallKind kind() {
    return CallKind.DB;
  }

  @Override
  public void call() {
    int updated =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("update sdk_floor set calls = calls + 1 where id = :id")
                    .bind("id", 1)
                    .execute());
    if (updated != 1) {
      throw new IllegalStateException("updated " + updated + " rows, not 1");
    }
  }
}
