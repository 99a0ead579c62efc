package dev.imageservice.worker.render;

import dev.imageservice.worker.render.codec.NativeCodecs;
import dev.imageservice.worker.render.format.CmykEncoding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The memory and time a render costs, from the header: the heap image after subsampling, the native
 * decoders' buffers (counted in the render memory budget too, since they are as real as the heap),
 * and the time a native decode needs, which decides whether it may run before the deadline.
 */
final class RenderCost {

  // Native decodes cannot be aborted once called, so they run only when this pessimistic figure
  // (several times what TurboJPEG needs; per scan, since each scan is a pass over the image) fits
  // before the deadline. Otherwise the abortable ImageIO path decodes.
  private static final Duration NATIVE_PER_MEGAPIXEL_SCAN = Duration.ofMillis(5);

  // Pessimistic libheif figures: HEVC/AV1 decode plus colour conversion of the whole image.
  private static final Duration HEIF_PER_MEGAPIXEL = Duration.ofMillis(60);
  private static final long HEIF_NATIVE_BYTES_PER_PIXEL = 10;

  private RenderCost() {}

  static RenderEstimate estimate(
      ImageHeader header, List<Preset> presets, NativeCodecs codecs, RenderProperties props) {
    long subsampling = Geometry.subsampling(header, presets);
    long width = (header.width() + subsampling - 1) / subsampling;
    long height = (header.height() + subsampling - 1) / subsampling;
    long heap = width * height * 4;
    return new RenderEstimate(
        heap + nativeBytes(header, presets, codecs), props.timeLimit(header.pixels()));
  }

  /** Whether a native decode of this header, started now, surely ends before the deadline. */
  static boolean nativeDecodeFits(ImageHeader header, @Nullable Instant deadline) {
    if (deadline == null) {
      return true;
    }
    long scans = Math.max(1, header.structure().scans());
    long megapixels = header.pixels() / 1_000_000 + 1;
    Duration needed = NATIVE_PER_MEGAPIXEL_SCAN.multipliedBy(megapixels * scans);
    return Instant.now().plus(needed).isBefore(deadline);
  }

  /**
   * Whether a libheif decode of this header, started now, surely ends before the deadline: HEVC and
   * AV1 are far slower per pixel than JPEG, and the full image is always decoded.
   */
  static boolean heifDecodeFits(ImageHeader header, @Nullable Instant deadline) {
    if (deadline == null) {
      return true;
    }
    Duration needed = HEIF_PER_MEGAPIXEL.multipliedBy(header.pixels() / 1_000_000 + 1);
    return Instant.now().plus(needed).isBefore(deadline);
  }

  private static long nativeBytes(ImageHeader header, List<Preset> presets, NativeCodecs codecs) {
    if (header.heif()) {
      // libheif holds the full image twice (decoded YCbCr planes of up to 16 bits, RGBA output);
      // the heap only the box-reduced copy, counted as the heap image above.
      return codecs.heif() ? header.pixels() * HEIF_NATIVE_BYTES_PER_PIXEL : 0;
    }
    boolean jpeg =
        header.format().equals("jpeg") && header.cmyk() == CmykEncoding.NONE && codecs.jpeg();
    boolean webp = header.format().equals("webp") && header.frames() == 1 && codecs.webp();
    if (!jpeg && !webp) {
      return 0;
    }
    // The output buffer at the decode scale (DCT scaling rounds up to the next eighth).
    double scale = Math.min(1.0, Math.ceil(16 * Geometry.scaleNeeded(header, presets)) / 8);
    long output = (long) (header.pixels() * scale * scale) * 4 + 4;
    // A progressive JPEG keeps every DCT coefficient (2 bytes each) of the whole image until its
    // last scan, whatever the output scale.
    long coefficients =
        jpeg && header.structure().progressive()
            ? header.pixels() * Math.max(1, header.structure().components()) * 2
            : 0;
    return output + coefficients;
  }
}
