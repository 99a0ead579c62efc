package dev.imageservice.worker.render;

import dev.imageservice.common.job.FailureCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Recognises the format and reads size, frame count and orientation from the header, without
 * decoding pixels, so that {@link GuardLimits} can refuse before anything large is allocated.
 */
final class ProbeHeader implements RenderStep {

  private final int frameCap;

  /** Frames are counted up to {@code maxFrames + 1}: enough to know the limit is exceeded. */
  ProbeHeader(int maxFrames) {
    this.frameCap = maxFrames + 1;
  }

  @Override
  public RenderState apply(RenderState state) {
    Path source = state.source();
    long bytes = size(source);
    try (ImageInputStream in = Readers.open(source)) {
      ImageReaderSpi spi = Readers.recognise(in);
      ImageReader reader = Readers.create(spi, source);
      try {
        in.seek(0);
        reader.setInput(in, false, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
          throw new ImageRejectedException(FailureCode.CORRUPT_IMAGE, "the header has no size");
        }
        String format = Readers.formatName(spi);
        int frames = frames(format, reader, in);
        JpegHeader jpeg = format.equals("jpeg") ? JpegHeader.read(in) : null;
        int orientation =
            jpeg != null
                ? jpeg.orientation()
                : format.equals("tiff") ? ExifOrientation.fromTiff(in) : 1;
        CmykEncoding cmyk = jpeg != null ? jpeg.cmyk() : CmykEncoding.NONE;
        return state.withHeader(
            new ImageHeader(format, spi, width, height, frames, bytes, orientation, cmyk));
      } catch (IOException | RuntimeException e) {
        if (e instanceof ImageRejectedException rejected) {
          throw rejected;
        }
        throw Readers.corrupt(e);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private int frames(String format, ImageReader reader, ImageInputStream in) throws IOException {
    return switch (format) {
      case "gif" -> GifFrameCounter.count(in, frameCap);
      // Walking WebP chunks or TIFF directories is cheap and bounded by the file.
      case "webp", "tiff" -> Math.max(1, reader.getNumImages(true));
      default -> 1;
    };
  }

  private static long size(Path source) {
    try {
      return Files.size(source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }
}
