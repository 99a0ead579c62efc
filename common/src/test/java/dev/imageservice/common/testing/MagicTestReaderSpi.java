package dev.imageservice.common.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * The shared part of the test decoders (installed through {@code META-INF/services} by the modules
 * whose worker processes need them, or registered with ImageIO by a test): a reader for files
 * starting with a magic no real image starts with, whose "decode" is the subclass's {@link #decode}
 * (which waits for something) and then yields a 64x64 image that the worker encodes and stores as
 * usual.
 */
public abstract class MagicTestReaderSpi extends ImageReaderSpi {

  private final byte[] magic;
  private final String description;

  protected MagicTestReaderSpi(byte[] magic, String name, String description) {
    super(
        "test",
        "1",
        new String[] {name},
        new String[] {name},
        new String[] {"image/x-" + name},
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
    this.magic = magic.clone();
    this.description = description;
  }

  /**
   * What a decode does before it yields its image; {@code aborted} says whether the worker has
   * aborted the reader (its decode deadline).
   */
  protected abstract void decode(BooleanSupplier aborted);

  @Override
  public boolean canDecodeInput(Object source) throws IOException {
    if (!(source instanceof ImageInputStream in)) {
      return false;
    }
    byte[] head = new byte[magic.length];
    in.mark();
    try {
      return in.read(head) == head.length && Arrays.equals(head, magic);
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
    return description;
  }

  private static final class Reader extends ImageReader {
    private final MagicTestReaderSpi spi;

    Reader(MagicTestReaderSpi spi) {
      super(spi);
      this.spi = spi;
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
      spi.decode(this::abortRequested);
      return new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    }
  }
}
