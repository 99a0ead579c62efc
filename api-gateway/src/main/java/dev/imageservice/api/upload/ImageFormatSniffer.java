package dev.imageservice.api.upload;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.format.HeifBoxes;
import dev.imageservice.common.format.HeifImageInfo;
import dev.imageservice.common.format.StructureLimitExceededException;
import dev.imageservice.common.format.StructureLimits;
import dev.imageservice.common.format.StructureScanner;
import dev.imageservice.common.problem.ProblemType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.stereotype.Component;

/**
 * Recognises an upload's format from its bytes, never from the declared content type, with the
 * installed ImageIO readers (TwelveMonkeys adds WebP, TIFF and better JPEG) or, for HEIC, HEIF and
 * AVIF, by their {@code ftyp} brands ({@link HeifBoxes}), and reads its width and height from the
 * header without decoding pixels. Before any reader walks the file, the capped pre-scan the worker
 * uses ({@link StructureScanner}) refuses an upload with too many JPEG scans, PNG ancillary chunks,
 * TIFF directories or GIF frames: 422 with the failure code the job would have got, and no job.
 * Thread-safe.
 */
@Component
public class ImageFormatSniffer {

  private final StructureLimits limits;

  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "jpeg", "image/jpeg",
          "png", "image/png",
          "gif", "image/gif",
          "webp", "image/webp",
          "tiff", "image/tiff",
          "bmp", "image/bmp");

  private static final Map<String, String> HEIF_CONTENT_TYPES =
      Map.of("heic", "image/heic", "heif", "image/heif", "avif", "image/avif");

  ImageFormatSniffer(UploadProperties properties) {
    this.limits = properties.structureLimits();
    // Plugins on a Boot fat jar's nested classpath are only seen after an explicit scan.
    ImageIO.scanForPlugins();
  }

  public SniffedImage sniff(Path file) {
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      if (input == null) {
        throw unsupported();
      }
      Optional<String> heif = HeifBoxes.brand(input);
      if (heif.isPresent()) {
        return heif(heif.get(), input);
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        throw unsupported();
      }
      ImageReader reader = readers.next();
      try {
        String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
        String contentType = CONTENT_TYPES.get(format);
        if (contentType == null) {
          throw unsupported();
        }
        checkStructure(format, input);
        input.seek(0);
        reader.setInput(input, true, true);
        return new SniffedImage(contentType, reader.getWidth(0), reader.getHeight(0));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProblemException problem) {
        throw problem;
      }
      // Recognised by its magic bytes but the header itself is damaged.
      throw new ProblemException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE, "The image header could not be read", null, e);
    }
  }

  /**
   * HEIC, HEIF and AVIF by their {@code ftyp} brand, sized by the primary image's {@code ispe} as
   * displayed: no codec is needed here, the worker decodes them with libheif.
   */
  private static SniffedImage heif(String brand, ImageInputStream input) throws IOException {
    try {
      HeifImageInfo info = HeifBoxes.read(input);
      return new SniffedImage(
          HEIF_CONTENT_TYPES.get(brand),
          (int) Math.min(Integer.MAX_VALUE, info.displayWidth()),
          (int) Math.min(Integer.MAX_VALUE, info.displayHeight()));
    } catch (StructureLimitExceededException e) {
      throw new ProblemException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE, "The image header could not be read", null, e);
    }
  }

  private void checkStructure(String format, ImageInputStream input) throws IOException {
    try {
      StructureScanner.scan(format, input, limits);
    } catch (StructureLimitExceededException e) {
      throw ProblemException.imageRejected(e.code(), e.getMessage());
    }
  }

  private static ProblemException unsupported() {
    return new ProblemException(
        ProblemType.UNSUPPORTED_MEDIA_TYPE,
        "The body is not an image in a supported format (JPEG, PNG, GIF, WebP, TIFF, BMP, HEIC, AVIF)");
  }
}
