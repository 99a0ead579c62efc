package dev.imageservice.worker.render;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.worker.render.codec.NativeCodecs;
import dev.imageservice.worker.render.codec.NativeImage;
import dev.imageservice.worker.render.format.CmykEncoding;
import dev.imageservice.worker.render.format.PngIccProfile;
import dev.imageservice.worker.render.pixel.Pixels;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the first frame once, no larger than the biggest preset needs (still at least twice its
 * size, for resampling quality): JPEG and still WebP through the native codecs when present (DCT or
 * rescaler scaling, see {@link NativeCodecs}; a JPEG's YCbCr planes are box-reduced as far as the
 * 2x2 halving in {@link Resize} would have gone, before the colour conversion), everything else and
 * whatever they decline through ImageIO with source subsampling. Decoder exceptions and truncated
 * data become {@code corrupt_image}; other decoder warnings are only logged. The render's deadline
 * is enforced inside ImageIO decoders by {@link RenderWatchdog}; a native decode, which cannot be
 * stopped, runs only when it surely ends in time ({@link RenderCost#nativeDecodeFits}).
 * Thread-safe.
 */
final class Decode implements RenderStep {

  private final NativeCodecs codecs;

  Decode(NativeCodecs codecs) {
    this.codecs = codecs;
  }

  @Override
  public RenderState apply(RenderState state) {
    ImageHeader header = state.requireHeader();
    if (header.heif()) {
      return state.withDecoded(toDecoded(DecodeHeif.decode(codecs, state, header)));
    }
    Decoded fast = decodeNatively(state, header);
    if (fast != null) {
      return state.withDecoded(fast);
    }
    try (ImageInputStream in = Readers.open(state.source())) {
      ImageReader reader =
          Readers.create(java.util.Objects.requireNonNull(header.readerSpi()), state.source());
      try (RenderWatchdog.Watch watch = RenderWatchdog.watch(reader, state.deadline())) {
        return state.withDecoded(decodeWithImageIo(state, header, in, reader, watch));
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + state.source().name(), e);
    }
  }

  private static Decoded decodeWithImageIo(
      RenderState state,
      ImageHeader header,
      ImageInputStream in,
      ImageReader reader,
      RenderWatchdog.Watch watch) {
    int subsampling = Geometry.subsampling(header, state.presets());
    AtomicBoolean truncated = new AtomicBoolean();
    reader.addIIOReadWarningListener(
        (r, warning) -> truncated.compareAndSet(false, isTruncation(warning)));
    try {
      // Metadata is never parsed: the PNG reader would inflate every text chunk for it. The one
      // piece we use, the PNG iCCP profile, came raw from the header pre-scan.
      reader.setInput(in, true, true);
      ImageReadParam param = reader.getDefaultReadParam();
      if (subsampling > 1) {
        param.setSourceSubsampling(subsampling, subsampling, 0, 0);
      }
      BufferedImage image =
          header.cmyk() == CmykEncoding.NONE
              ? reader.read(0, param)
              : CmykToSrgb.convert(reader.readRaster(0, param), header.cmyk());
      if (watch.expired()) {
        throw RenderPipeline.timedOut("while decoding");
      }
      if (truncated.get()) {
        throw new ImageRejectedException(
            FailureCode.CORRUPT_IMAGE, "the image data ends prematurely (truncated file)");
      }
      byte[] iccp = header.structure().iccProfileChunk();
      ICC_Profile profile = iccp == null ? null : PngIccProfile.fromChunk(iccp);
      return new Decoded(image, profile, false);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ImageRejectedException rejected) {
        throw rejected;
      }
      // An aborted reader may fail on its half-read state instead of returning early.
      throw watch.expired() ? RenderPipeline.timedOut("while decoding") : Readers.corrupt(e);
    }
  }

  private @Nullable Decoded decodeNatively(RenderState state, ImageHeader header) {
    if (!RenderCost.nativeDecodeFits(header, state.deadline())) {
      return null; // too little time left for a call that cannot be stopped: ImageIO, abortable
    }
    double needed = Geometry.scaleNeeded(header, state.presets());
    double minScale = Math.min(1.0, 2 * needed);
    boolean jpeg = header.format().equals("jpeg") && header.cmyk() == CmykEncoding.NONE;
    boolean webp = header.format().equals("webp") && header.frames() == 1;
    if (!jpeg && !webp) {
      return null;
    }
    ImageSource source = state.source();
    Optional<NativeImage> image;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment bytes = source.bytes(arena);
      image =
          jpeg
              ? codecs.decodeJpeg(bytes, source.name(), minScale, needed)
              : codecs.decodeWebp(bytes, minScale);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source.name(), e);
    }
    return image.map(Decode::toDecoded).orElse(null);
  }

  private static Decoded toDecoded(NativeImage image) {
    BufferedImage pixels =
        image.alpha()
            ? Pixels.wrapStraight(image.pixels(), image.width(), image.height())
            : Pixels.wrap(image.pixels(), image.width(), image.height(), false);
    return new Decoded(pixels, iccProfile(image.iccProfile()), false);
  }

  private static @Nullable ICC_Profile iccProfile(byte @Nullable [] bytes) {
    try {
      return bytes == null ? null : ICC_Profile.getInstance(bytes);
    } catch (IllegalArgumentException e) {
      return null; // a damaged profile is ignored, as ImageIO's readers ignore it
    }
  }

  // libjpeg reports missing scan data only as a warning and fills the rest with grey; a thumbnail
  // of half a picture is worse than a clear failure.
  private static boolean isTruncation(String warning) {
    return warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end");
  }
}
