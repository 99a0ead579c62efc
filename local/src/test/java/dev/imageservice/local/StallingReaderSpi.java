package dev.imageservice.local;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * A test decoder that stalls, installed through {@code META-INF/services} on the test class path
 * (so worker processes started from it have it too): a file starting with {@code STALL!} is
 * "decoded" by waiting until the reader is aborted, as a decoder stuck in a hostile file would
 * spin. No real image starts with those bytes.
 */
public final class StallingReaderSpi extends ImageReaderSpi {

  static final byte[] MAGIC = "STALL!".getBytes(StandardCharsets.US_ASCII);

  public StallingReaderSpi() {
    super(
        "test",
        "1",
        new String[] {"stall"},
        new String[] {"stall"},
        new String[] {"image/x-stall"},
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
    return "a decoder that stalls until aborted (tests)";
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
      while (!abortRequested()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      return new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    }
  }
}
