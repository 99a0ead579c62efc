package dev.imageservice.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenderSlotsTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aRenderWaitsWhileEverySlotIsTakenAndRunsWhenOneIsGivenBack() throws Exception {
    RenderSlots slots = new RenderSlots(1);
    RenderSlots.Slot first = slots.acquire();

    CompletableFuture<RenderSlots.Slot> second = acquireAsync(slots);
    await().atMost(Duration.ofSeconds(10)).until(() -> slots.waiting() == 1);
    assertThat(second).isNotDone();
    assertThat(slots.inUse()).isEqualTo(1);

    first.close();
    assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(slots.inUse()).isEqualTo(1);
    assertThat(slots.waiting()).isZero();
  }

  @Test
  void closingASlotTwiceGivesItBackOnce() throws Exception {
    RenderSlots slots = new RenderSlots(2);
    RenderSlots.Slot a = slots.acquire();
    RenderSlots.Slot b = slots.acquire();

    a.close();
    a.close();

    assertThat(slots.inUse()).isEqualTo(1);
    b.close();
    assertThat(slots.inUse()).isZero();
  }

  @Test
  void atLeastOneSlotIsNeeded() {
    assertThatThrownBy(() -> new RenderSlots(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private CompletableFuture<RenderSlots.Slot> acquireAsync(RenderSlots slots) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return slots.acquire();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        },
        threads);
  }
}
