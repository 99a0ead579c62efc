package dev.imageservice.local;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A test decoder that stalls, installed through {@code META-INF/services} on the test class path
 * (so worker processes started from it have it too): a file starting with {@code STALL!} is
 * "decoded" by waiting until the reader is aborted, as a decoder stuck in a hostile file would
 * spin. No real image starts with those bytes.
 */
public final class StallingReaderSpi extends MagicTestReaderSpi {

  static final byte[] MAGIC = "STALL!".getBytes(StandardCharsets.US_ASCII);

  public StallingReaderSpi() {
    super(MAGIC, "stall", "a decoder that stalls until aborted (tests)");
  }

  @Override
  void decode(BooleanSupplier aborted) {
    while (!aborted.getAsBoolean()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
