package dev.imageservice.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenderMemoryBudgetTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void renderLargerThanTheWholeBudgetWaitsThenRunsAlone() throws Exception {
    RenderMemoryBudget budget = new RenderMemoryBudget(100);
    RenderMemoryBudget.Reservation small = budget.reserve(60);

    CompletableFuture<RenderMemoryBudget.Reservation> huge = reserveAsync(budget, 500);
    awaitWaiting(budget, 1);
    assertThat(huge).isNotDone();
    small.close();

    assertThat(huge.get().bytes()).isEqualTo(100);
    assertThat(budget.reserved()).isEqualTo(100);
    huge.get().close();
    assertThat(budget.reserved()).isZero();
  }

  @Test
  void reservationsAreGrantedInArrivalOrderSoLargeOnesAreNotStarved() throws Exception {
    RenderMemoryBudget budget = new RenderMemoryBudget(100);
    RenderMemoryBudget.Reservation first = budget.reserve(80);
    CompletableFuture<RenderMemoryBudget.Reservation> large = reserveAsync(budget, 50);
    awaitWaiting(budget, 1);

    CompletableFuture<RenderMemoryBudget.Reservation> small = reserveAsync(budget, 10);

    // 20 bytes are free, enough for the small one, but the large one came first.
    awaitWaiting(budget, 2);
    assertThat(small).isNotDone();
    assertThat(budget.reserved()).isEqualTo(80);
    first.close();
    assertThat(large.get().bytes()).isEqualTo(50);
    assertThat(small.get().bytes()).isEqualTo(10);
    assertThat(budget.reserved()).isEqualTo(60);
  }

  @Test
  void closingAReservationTwiceGivesItBackOnce() throws Exception {
    RenderMemoryBudget budget = new RenderMemoryBudget(100);
    RenderMemoryBudget.Reservation a = budget.reserve(40);
    RenderMemoryBudget.Reservation b = budget.reserve(40);

    a.close();
    a.close();

    assertThat(budget.reserved()).isEqualTo(40);
    b.close();
  }

  private CompletableFuture<RenderMemoryBudget.Reservation> reserveAsync(
      RenderMemoryBudget budget, long bytes) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return budget.reserve(bytes);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        },
        threads);
  }

  // The budget's own queue says when a reservation is waiting: no guessing how long it takes the
  // thread to get there.
  private static void awaitWaiting(RenderMemoryBudget budget, int renders) {
    await().atMost(java.time.Duration.ofSeconds(5)).until(() -> budget.waiting() == renders);
  }
}
