package dev.imageservice.worker.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * A test decoder that stalls: files starting with {@code STALL!} are "decoded" by waiting until the
 * reader is aborted (as a decoder stuck in a hostile file's data would spin), then returning a grey
 * 64x64 image. Registered with ImageIO for the test's lifetime.
 */
final class StallingReader extends ImageReader {

  static final byte[] MAGIC = "STALL!".getBytes(StandardCharsets.US_ASCII);

  private StallingReader(ImageReaderSpi spi) {
    super(spi);
  }

  /** Registers the provider; returns it for {@link #unregister}. */
  static ImageReaderSpi register() {
    ImageReaderSpi spi = new Spi();
    IIORegistry.getDefaultInstance().registerServiceProvider(spi, ImageReaderSpi.class);
    return spi;
  }

  static void unregister(ImageReaderSpi spi) {
    IIORegistry.getDefaultInstance().deregisterServiceProvider(spi, ImageReaderSpi.class);
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
    processImageStarted(imageIndex);
    while (!abortRequested()) {
      // A decoder stuck in its data: it only notices an abort, as ImageIO decoders do per row.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    processReadAborted();
    return new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
  }

  private static final class Spi extends ImageReaderSpi {
    Spi() {
      super(
          "test",
          "1",
          new String[] {"stall"},
          new String[] {"stall"},
          new String[] {"image/x-stall"},
          StallingReader.class.getName(),
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
        return in.read(head) == head.length && java.util.Arrays.equals(head, MAGIC);
      } finally {
        in.reset();
      }
    }

    @Override
    public ImageReader createReaderInstance(Object extension) {
      return new StallingReader(this);
    }

    @Override
    public String getDescription(Locale locale) {
      return "a decoder that stalls until aborted (tests)";
    }
  }
}
