package dev.imageservice.local;

import dev.imageservice.common.testing.MagicTestReaderSpi;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A test decoder that holds a render until the test lets it go, installed through {@code
 * META-INF/services} on the test class path: a file starting with {@code HOLD!!} is "decoded" by
 * waiting until {@link #release()} (or an abort), then yields a 64x64 image, which the worker
 * encodes and stores as usual. Makes "something happens while a render runs" deterministic: the
 * test awaits {@link #holding()} and releases when it is ready. Only in-process workers see the
 * static state. No real image starts with those bytes.
 */
public final class HeldReaderSpi extends MagicTestReaderSpi {

  static final byte[] MAGIC = "HOLD!!".getBytes(StandardCharsets.US_ASCII);

  private static final AtomicInteger HOLDING = new AtomicInteger();
  private static final AtomicInteger RELEASED = new AtomicInteger();
  private static volatile boolean released;

  public HeldReaderSpi() {
    super(MAGIC, "hold", "a decoder that holds until released (tests)");
  }

  /** Renders currently held in the decoder. */
  static int holding() {
    return HOLDING.get();
  }

  /** Renders that left the decoder since the last {@link #hold()}. */
  static int released() {
    return RELEASED.get();
  }

  /** From now on, renders are held again. */
  static void hold() {
    released = false;
    RELEASED.set(0);
  }

  /** Lets every held render (and later ones) go on. */
  static void release() {
    released = true;
  }

  @Override
  protected void decode(BooleanSupplier aborted) {
    HOLDING.incrementAndGet();
    try {
      while (!released && !aborted.getAsBoolean()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
    } finally {
      HOLDING.decrementAndGet();
      RELEASED.incrementAndGet();
    }
  }
}
