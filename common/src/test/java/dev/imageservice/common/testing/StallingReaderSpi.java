package dev.imageservice.common.testing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * A test decoder that stalls, installed through {@code META-INF/services} on the local module's
 * test class path (so worker processes started from it have it too) and registered by the worker's
 * own tests with {@link #register()}: a file starting with {@code STALL!} is "decoded" by waiting
 * until the reader is aborted, as a decoder stuck in a hostile file would spin. No real image
 * starts with those bytes.
 */
public final class StallingReaderSpi extends MagicTestReaderSpi {

  public static final byte[] MAGIC = "STALL!".getBytes(StandardCharsets.US_ASCII);

  public StallingReaderSpi() {
    super(MAGIC, "stall", "a decoder that stalls until aborted (tests)");
  }

  /** Registers a new instance with ImageIO until {@link #unregister}; returns it. */
  public static StallingReaderSpi register() {
    StallingReaderSpi spi = new StallingReaderSpi();
    IIORegistry.getDefaultInstance().registerServiceProvider(spi, ImageReaderSpi.class);
    return spi;
  }

  public static void unregister(StallingReaderSpi spi) {
    IIORegistry.getDefaultInstance().deregisterServiceProvider(spi, ImageReaderSpi.class);
  }

  @Override
  protected void decode(BooleanSupplier aborted) {
    while (!aborted.getAsBoolean()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
