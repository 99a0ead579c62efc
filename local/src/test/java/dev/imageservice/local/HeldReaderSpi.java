package dev.imageservice.local;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * A test decoder that holds a render until the test lets it go, installed through {@code
 * META-INF/services} on the test class path: a file starting with {@code HOLD!!} is "decoded" by
 * waiting until {@link #release()} (or an abort), then yields a 64x64 image, which the worker
 * encodes and stores as usual. Makes "something happens while a render runs" deterministic: the
 * test awaits {@link #holding()} and releases when it is ready. Only in-process workers see the
 * static state. No real image starts with those bytes.
 */
public final class HeldReaderSpi extends ImageReaderSpi {

  static final byte[] MAGIC = "HOLD!!".getBytes(StandardCharsets.US_ASCII);

  private static final AtomicInteger HOLDING = new AtomicInteger();
  private static final AtomicInteger RELEASED = new AtomicInteger();
  private static volatile boolean released;

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

  public HeldReaderSpi() {
    super(
        "test",
        "1",
        new String[] {"hold"},
        new String[] {"hold"},
        new String[] {"image/x-hold"},
        Reader.class.getName(),
        new Class<?>[] {ImageInputStream.class},
        null,
        false,
        null,
        null,
        null,
        null,
        false,
        null,
        null,
        null,
        null);
  }

  @Override
  public boolean canDecodeInput(Object source) throws IOException {
    if (!(source instanceof ImageInputStream in)) {
      return false;
    }
    byte[] head = new byte[MAGIC.length];
    in.mark();
    try {
      return in.read(head) == head.length && Arrays.equals(head, MAGIC);
    } finally {
      in.reset();
    }
  }

  @Override
  public ImageReader createReaderInstance(Object extension) {
    return new Reader(this);
  }

  @Override
  public String getDescription(Locale locale) {
    return "a decoder that holds until released (tests)";
  }

  private static final class Reader extends ImageReader {
    Reader(ImageReaderSpi spi) {
      super(spi);
    }

    @Override
    public int getNumImages(boolean allowSearch) {
      return 1;
    }

    @Override
    public int getWidth(int imageIndex) {
      return 64;
    }

    @Override
    public int getHeight(int imageIndex) {
      return 64;
    }

    @Override
    public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) {
      return List.of(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB))
          .iterator();
    }

    @Override
    public IIOMetadata getStreamMetadata() {
      return null;
    }

    @Override
    public IIOMetadata getImageMetadata(int imageIndex) {
      return null;
    }

    @Override
    public BufferedImage read(int imageIndex, ImageReadParam param) {
      clearAbortRequest();
      HOLDING.incrementAndGet();
      try {
        while (!released && !abortRequested()) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
      } finally {
        HOLDING.decrementAndGet();
        RELEASED.incrementAndGet();
      }
      return new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    }
  }
}
