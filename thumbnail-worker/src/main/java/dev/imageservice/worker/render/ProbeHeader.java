package dev.imageservice.worker.render;

import dev.imageservice.common.format.HeifBoxes;
import dev.imageservice.common.format.HeifImageInfo;
import dev.imageservice.common.format.ImageStructure;
import dev.imageservice.common.format.StructureLimitExceededException;
import dev.imageservice.common.format.StructureLimits;
import dev.imageservice.common.format.StructureScanner;
import dev.imageservice.common.job.FailureCode;
import dev.imageservice.worker.render.format.CmykEncoding;
import dev.imageservice.worker.render.format.ExifOrientation;
import dev.imageservice.worker.render.format.JpegHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Recognises the format and reads size, frame count and orientation from the header, without
 * decoding pixels, so that {@link GuardLimits} can refuse before anything large is allocated.
 * Before any ImageIO reader walks the file, a capped pre-scan ({@link StructureScanner}) counts
 * JPEG scans, PNG ancillary chunks, TIFF directories and GIF frames and refuses an excess: the
 * readers would otherwise walk (and keep) every directory or inflate every text chunk first.
 */
final class ProbeHeader implements RenderStep {

  private final StructureLimits limits;

  ProbeHeader(StructureLimits limits) {
    this.limits = limits;
  }

  @Override
  public RenderState apply(RenderState state) {
    ImageSource source = state.source();
    long bytes = size(source);
    try (ImageInputStream in = Readers.open(source)) {
      java.util.Optional<String> heif = HeifBoxes.brand(in);
      if (heif.isPresent()) {
        return state.withHeader(heifHeader(heif.get(), in, bytes));
      }
      ImageReaderSpi spi = Readers.recognise(in);
      String format = Readers.formatName(spi);
      ImageStructure structure = scanStructure(format, in);
      ImageReader reader = Readers.create(spi, source);
      try {
        in.seek(0);
        reader.setInput(in, false, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
          throw new ImageRejectedException(FailureCode.CORRUPT_IMAGE, "the header has no size");
        }
        int frames = frames(format, structure);
        JpegHeader jpeg = format.equals("jpeg") ? JpegHeader.read(in) : null;
        int orientation =
            jpeg != null
                ? jpeg.orientation()
                : format.equals("tiff") ? ExifOrientation.fromTiff(in) : 1;
        CmykEncoding cmyk = jpeg != null ? jpeg.cmyk() : CmykEncoding.NONE;
        return state.withHeader(
            new ImageHeader(
                format, spi, width, height, frames, bytes, orientation, cmyk, structure));
      } catch (IOException | RuntimeException e) {
        if (e instanceof ImageRejectedException rejected) {
          throw rejected;
        }
        throw Readers.corrupt(e);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source.name(), e);
    }
  }

  /**
   * A HEIF header from its boxes alone (no libheif needed, so that a worker without it can still
   * refuse a bomb by its size). Width and height are as displayed: libheif applies {@code irot} and
   * {@code imir} while decoding, so no orientation is left for {@link Orient}; EXIF orientation
   * inside HEIF is ignored, as the specification, libheif and browsers do.
   */
  private static ImageHeader heifHeader(String format, ImageInputStream in, long bytes)
      throws IOException {
    HeifImageInfo info;
    try {
      info = HeifBoxes.read(in);
    } catch (StructureLimitExceededException e) {
      throw new ImageRejectedException(e.code(), e.getMessage());
    }
    // Sizes over int range are kept as the largest int: the guard refuses them all the same.
    int width = (int) Math.min(Integer.MAX_VALUE, info.displayWidth());
    int height = (int) Math.min(Integer.MAX_VALUE, info.displayHeight());
    return new ImageHeader(
        format, null, width, height, 1, bytes, 1, CmykEncoding.NONE, ImageStructure.none());
  }

  private ImageStructure scanStructure(String format, ImageInputStream in) throws IOException {
    try {
      return StructureScanner.scan(format, in, limits);
    } catch (StructureLimitExceededException e) {
      throw new ImageRejectedException(e.code(), e.getMessage());
    }
  }

  private static int frames(String format, ImageStructure structure) {
    return switch (format) {
      case "gif", "tiff", "webp" -> Math.max(1, structure.frames());
      default -> 1;
    };
  }

  private static long size(ImageSource source) {
    try {
      return source.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source.name(), e);
    }
  }
}
