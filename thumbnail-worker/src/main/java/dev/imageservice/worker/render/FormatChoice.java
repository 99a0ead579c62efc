package dev.imageservice.worker.render;

import dev.imageservice.worker.render.codec.NativeCodecs;
import java.util.ArrayList;
import java.util.List;

/**
 * Which encodings a rendition gets, given the native encoders this machine has.
 *
 * <ul>
 *   <li>{@code auto} (a preset without a format): JPEG for an opaque image, lossy WebP with alpha
 *       for a transparent one; PNG instead of WebP where libwebp is missing, as before WebP output
 *       existed.
 *   <li>An explicit {@code webp} or {@code avif} whose library is missing falls back to what {@code
 *       auto} gives without it (JPEG or PNG): a worker image without the codec still renders every
 *       job, and the job view's {@code contentType} says what was stored. The start-up log names
 *       the missing library ({@link NativeCodecs}).
 *   <li>Extra formats an upload asks for ({@code formats=webp,avif}) are stored only where the
 *       encoder exists and where they differ from the preset's own format; {@code GET
 *       /v1/jobs/{id}/thumbnails/{preset}} falls back to the preset's own format for the rest.
 * </ul>
 *
 * Thread-safe and immutable.
 */
final class FormatChoice {

  private final NativeCodecs codecs;

  FormatChoice(NativeCodecs codecs) {
    this.codecs = codecs;
  }

  /** The preset's own encoding for an image with or without transparency. */
  OutputFormat own(Preset preset, boolean transparent) {
    OutputFormat asked = preset.format();
    if (asked != null && available(asked)) {
      return asked;
    }
    if (!transparent) {
      return OutputFormat.JPEG;
    }
    return available(OutputFormat.WEBP) ? OutputFormat.WEBP : OutputFormat.PNG;
  }

  /** The extra encodings to store next to {@code own}, in the order asked, without repeats. */
  List<OutputFormat> alternates(List<OutputFormat> asked, OutputFormat own) {
    List<OutputFormat> extra = new ArrayList<>();
    for (OutputFormat format : asked) {
      if (format != own && available(format) && !extra.contains(format)) {
        extra.add(format);
      }
    }
    return extra;
  }

  boolean available(OutputFormat format) {
    return switch (format) {
      case JPEG, PNG -> true;
      case WEBP -> codecs.webpEncoding();
      case AVIF -> codecs.avifEncoding();
    };
  }
}
