package dev.imageservice.worker.render;

import dev.imageservice.common.job.FailureCode;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes the first frame once, with ImageIO source subsampling so that the image is no larger than
 * the biggest preset needs (still at least twice its size, for resampling quality). Decoder
 * exceptions and truncated data become {@code corrupt_image}; other decoder warnings are only
 * logged.
 */
final class Decode implements RenderStep {

  @Override
  public RenderState apply(RenderState state) {
    ImageHeader header = state.requireHeader();
    int subsampling = Geometry.subsampling(header, state.presets());
    try (ImageInputStream in = Readers.open(state.source())) {
      ImageReader reader = Readers.create(header.readerSpi(), state.source());
      AtomicBoolean truncated = new AtomicBoolean();
      reader.addIIOReadWarningListener(
          (r, warning) -> truncated.compareAndSet(false, isTruncation(warning)));
      try {
        boolean png = header.format().equals("png");
        // Metadata is parsed only where it holds something we use (the PNG iCCP chunk).
        reader.setInput(in, true, !png);
        ImageReadParam param = reader.getDefaultReadParam();
        if (subsampling > 1) {
          param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        }
        BufferedImage image =
            header.cmyk() == CmykEncoding.NONE
                ? reader.read(0, param)
                : CmykToSrgb.convert(reader.readRaster(0, param), header.cmyk());
        ICC_Profile profile = png ? PngIccProfile.read(reader) : null;
        if (truncated.get()) {
          throw new ImageRejectedException(
              FailureCode.CORRUPT_IMAGE, "the image data ends prematurely (truncated file)");
        }
        return state.withDecoded(new Decoded(image, profile, false));
      } catch (IOException | RuntimeException e) {
        if (e instanceof ImageRejectedException rejected) {
          throw rejected;
        }
        throw Readers.corrupt(e);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + state.source(), e);
    }
  }

  // libjpeg reports missing scan data only as a warning and fills the rest with grey; a thumbnail
  // of half a picture is worse than a clear failure.
  private static boolean isTruncation(String warning) {
    return warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end");
  }
}
