package dev.imageservice.worker.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the memory concurrent renders hold, rather than only their number: a render reserves the
 * bytes of its decoded image before decoding and gives them back when done. Reservations are
 * granted first come, first served, so a large render is not starved by a stream of small ones. A
 * reservation larger than the whole budget is cut to the budget: that render runs, but alone.
 * Thread-safe.
 */
public final class RenderMemoryBudget {

  private final long capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<Object> queue = new ArrayDeque<>();
  private long available;

  public RenderMemoryBudget(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("the render memory budget must be positive");
    }
    this.capacity = capacity;
    this.available = capacity;
  }

  /**
   * Waits until {@code bytes} (at most the whole budget) are free and reserves them.
   *
   * @throws InterruptedException when interrupted while waiting; nothing is then reserved
   */
  public Reservation reserve(long bytes) throws InterruptedException {
    long wanted = Math.clamp(bytes, 1, capacity);
    Object ticket = new Object();
    lock.lock();
    try {
      queue.addLast(ticket);
      try {
        while (queue.peekFirst() != ticket || available < wanted) {
          changed.await();
        }
      } finally {
        queue.remove(ticket);
        // The next in line may fit now, or may have become first.
        changed.signalAll();
      }
      available -= wanted;
      return new Reservation(wanted);
    } finally {
      lock.unlock();
    }
  }

  public long capacity() {
    return capacity;
  }

  /** Bytes reserved right now. */
  public long reserved() {
    lock.lock();
    try {
      return capacity - available;
    } finally {
      lock.unlock();
    }
  }

  /** Renders waiting for their share right now (in arrival order). */
  public int waiting() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Reserved bytes, given back on {@link #close()}; closing twice gives back once. */
  public final class Reservation implements AutoCloseable {
    private final long bytes;
    private boolean closed;

    private Reservation(long bytes) {
      this.bytes = bytes;
    }

    public long bytes() {
      return bytes;
    }

    @Override
    public void close() {
      lock.lock();
      try {
        if (!closed) {
          closed = true;
          available += bytes;
          changed.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
