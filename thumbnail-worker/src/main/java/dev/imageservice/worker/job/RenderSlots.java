package dev.imageservice.worker.job;

import java.util.concurrent.Semaphore;

/**
 * How many renders run at once, independently of how many messages the worker holds: with more
 * messages than slots, one job downloads its original or uploads its thumbnails while another
 * renders, so the CPU does not idle through S3 and database round trips, and renders never share a
 * core with each other (which would only make each slower and hold more decoded images at once).
 * Slots are granted in arrival order. Thread-safe.
 */
public final class RenderSlots {

  private final Semaphore permits;
  private final int size;

  public RenderSlots(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("at least one render slot is needed");
    }
    this.size = size;
    this.permits = new Semaphore(size, true);
  }

  /**
   * Waits for a free slot.
   *
   * @throws InterruptedException when interrupted while waiting; no slot is then held
   */
  public Slot acquire() throws InterruptedException {
    permits.acquire();
    return new Slot();
  }

  public int size() {
    return size;
  }

  /** Slots held by running renders right now. */
  public int busy() {
    return size - permits.availablePermits();
  }

  /** Renders waiting for a slot right now. */
  public int waiting() {
    return permits.getQueueLength();
  }

  /** Renders running right now. */
  public int inUse() {
    return size - permits.availablePermits();
  }

  /** A held slot, given back on {@link #close()}; closing twice gives back once. */
  public final class Slot implements AutoCloseable {
    private boolean closed;

    private Slot() {}

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        permits.release();
      }
    }
  }
}
