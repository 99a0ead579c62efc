package dev.imageservice.worker.render;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.worker.system.WorkerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ImageIO plumbing shared by {@link ProbeHeader} and {@link Decode}. */
final class Readers {

  private static final Logger LOG = LoggerFactory.getLogger(Readers.class);

  private Readers() {}

  /** Opens the source for random access; a missing or unreadable file is not the image's fault. */
  static ImageInputStream open(ImageSource source) {
    try {
      return source.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + source.name(), e);
    }
  }

  /** The provider of the first installed reader that recognises the bytes. */
  static ImageReaderSpi recognise(ImageInputStream in) throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      throw new ImageRejectedException(
          FailureCode.UNSUPPORTED_FORMAT, "not an image format we read");
    }
    ImageReader reader = readers.next();
    ImageReaderSpi spi = reader.getOriginatingProvider();
    reader.dispose();
    if (spi == null) {
      throw new ImageRejectedException(FailureCode.UNSUPPORTED_FORMAT, "no reader provider");
    }
    return spi;
  }

  /** A fresh reader from {@code spi} whose warnings go to the log instead of failing the render. */
  static ImageReader create(ImageReaderSpi spi, ImageSource source) throws IOException {
    ImageReader reader = spi.createReaderInstance();
    String name = source.name();
    reader.addIIOReadWarningListener(
        (r, warning) -> LOG.warn("decoder warning for {}: {}", name, warning));
    return reader;
  }

  /** {@code jpeg}, {@code png}, {@code gif}, {@code webp}, {@code tiff}, {@code bmp}, ... */
  static String formatName(ImageReaderSpi spi) {
    String name = spi.getFormatNames()[0].toLowerCase(Locale.ROOT);
    return switch (name) {
      case "jpg" -> "jpeg";
      case "tif" -> "tiff";
      default -> name;
    };
  }

  /**
   * Wraps a decoder failure: the header was recognised, so the data is broken, unless the read was
   * interrupted (retryable {@link RenderAbortedException}).
   */
  static WorkerException corrupt(Exception cause) {
    // An interrupt (shutdown) closes the file channel under the decoder, which then reports
    // damaged data: that says nothing about the image, and must not fail the job for good.
    if (Thread.currentThread().isInterrupted() || interruptedRead(cause)) {
      return new RenderAbortedException("interrupted while reading the image");
    }
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new ImageRejectedException(
        FailureCode.CORRUPT_IMAGE, "the image data is damaged: " + detail, cause);
  }

  private static boolean interruptedRead(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }
}
