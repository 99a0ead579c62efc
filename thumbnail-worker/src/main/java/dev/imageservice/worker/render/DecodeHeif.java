package dev.imageservice.worker.render;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.worker.render.codec.HeifDecodeException;
import dev.imageservice.worker.render.codec.NativeCodecs;
import dev.imageservice.worker.render.codec.NativeImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;

/**
 * The HEIC, HEIF and AVIF part of {@link Decode}: libheif is the only decoder, so a worker without
 * it refuses the job ({@code unsupported_format}, saying so), and a decode that could not end
 * before the deadline is not started ({@code render_timeout}), since it cannot be stopped.
 */
final class DecodeHeif {

  static final String NOT_INSTALLED =
      "HEIC/AVIF support is not installed on this worker (libheif1 is missing)";

  private DecodeHeif() {}

  static NativeImage decode(NativeCodecs codecs, RenderState state, ImageHeader header) {
    if (!codecs.heif()) {
      throw new ImageRejectedException(FailureCode.UNSUPPORTED_FORMAT, NOT_INSTALLED);
    }
    if (!RenderCost.heifDecodeFits(header, state.deadline())) {
      throw RenderPipeline.timedOut("before decoding: libheif could not finish in time");
    }
    double minScale = Math.min(1.0, 2 * Geometry.scaleNeeded(header, state.presets()));
    try (Arena arena = Arena.ofConfined()) {
      return codecs.decodeHeif(state.source().bytes(arena), minScale);
    } catch (HeifDecodeException e) {
      String code = e.securityLimit() ? FailureCode.TOO_MANY_PIXELS : FailureCode.CORRUPT_IMAGE;
      throw new ImageRejectedException(code, "libheif refused the image: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + state.source().name(), e);
    }
  }
}
