package dev.imageservice.worker.render;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import dev.imageservice.worker.render.pixel.GreyToArgb;
import dev.imageservice.worker.render.pixel.Pixels;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.WritableRaster;
import org.jspecify.annotations.Nullable;

/**
 * Brings the decoded image to sRGB in one of the two working formats (see {@link Pixels}): expands
 * grey, palette and 16-bit samples, treats an alpha channel without any transparent pixel as
 * opaque, and applies an embedded ICC profile the decoder left alone: at once for transparent
 * images, after {@link Resize} (by {@link ApplyProfile}) for opaque ones, whose {@link Decoded}
 * keeps it.
 */
final class ConvertToSrgb implements RenderStep {

  private static final int[] RGB_BANDS = {0, 1, 2};

  @Override
  public RenderState apply(RenderState state) {
    Decoded decoded = state.requireDecoded();
    BufferedImage source = decoded.image();
    boolean alpha = source.getColorModel().hasAlpha();
    // Opaque sources go straight to the working format: one full-size copy, not two.
    BufferedImage image =
        toSrgb(source, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    ICC_Profile profile = needsProfile(decoded.profile()) ? decoded.profile() : null;
    if (!alpha) {
      // An opaque image's profile is applied by ApplyProfile to the thumbnails, a fraction of
      // the pixels; colour conversion is per pixel, so the order changes nothing but the cost.
      return state.withDecoded(new Decoded(image, profile, false));
    }
    if (profile != null) {
      image = applyProfile(image, profile);
    }
    boolean transparent = Pixels.anyTransparent(image);
    int[] straight = Pixels.data(image);
    BufferedImage working = Pixels.create(image.getWidth(), image.getHeight(), transparent);
    int[] to = Pixels.data(working);
    for (int i = 0; i < straight.length; i++) {
      to[i] = transparent ? Pixels.premultiply(straight[i]) : straight[i];
    }
    return state.withDecoded(new Decoded(working, null, transparent));
  }

  private static BufferedImage toSrgb(BufferedImage source, int type) {
    ColorSpace space = source.getColorModel().getColorSpace();
    if (space.getType() == ColorSpace.TYPE_GRAY) {
      // Grey samples are meant as sRGB-encoded grey; Java2D would treat CS_GRAY as linear.
      return GreyToArgb.convert(source, type);
    }
    if (source.getType() == type && space.isCS_sRGB()) {
      return source; // already the working layout (native decoders): no full-size copy
    }
    BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), type);
    if (!space.isCS_sRGB()) {
      // An ICC colour space kept by the decoder (a TIFF with a profile, for instance).
      new ColorConvertOp(null).filter(source, out);
      return out;
    }
    Graphics2D g = out.createGraphics();
    try {
      g.setComposite(AlphaComposite.Src);
      g.drawImage(source, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static boolean needsProfile(@Nullable ICC_Profile profile) {
    return profile != null
        && profile.getColorSpaceType() == ColorSpace.TYPE_RGB
        && !ColorSpaces.isCS_sRGB(profile)
        && !SrgbEquivalent.test(profile);
  }

  static BufferedImage applyProfile(BufferedImage image, ICC_Profile profile) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), image.getType());
    ICC_Profile srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB);
    new ColorConvertOp(new ICC_Profile[] {profile, srgb}, null)
        .filter(rgbBands(image.getRaster()), rgbBands(out.getRaster()));
    if (image.getColorModel().hasAlpha()) {
      // The alpha band is not part of the colour conversion.
      int[] from = Pixels.data(image);
      int[] to = Pixels.data(out);
      for (int i = 0; i < to.length; i++) {
        to[i] = (from[i] & 0xff000000) | (to[i] & 0x00ffffff);
      }
    }
    return out;
  }

  private static WritableRaster rgbBands(WritableRaster raster) {
    return raster.createWritableChild(0, 0, raster.getWidth(), raster.getHeight(), 0, 0, RGB_BANDS);
  }
}
