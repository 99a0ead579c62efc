package dev.imageservice.worker.render;

import dev.imageservice.worker.render.Geometry.Size;
import dev.imageservice.worker.render.pixel.BoxHalving;
import dev.imageservice.worker.render.pixel.Lanczos3;
import dev.imageservice.worker.render.pixel.Pixels;
import dev.imageservice.worker.render.saliency.CropPlacement;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Scales the decoded image to every preset, still in the stored orientation: box halving while the
 * image is at least twice the target, then one Lanczos-3 step. Presets are done biggest first, and
 * a smaller one starts from an earlier full-frame result when that is still at least twice its
 * size.
 */
final class Resize implements RenderStep {

  private final FormatChoice formats;

  Resize(FormatChoice formats) {
    this.formats = formats;
  }

  @Override
  public RenderState apply(RenderState state) {
    ImageHeader header = state.requireHeader();
    Decoded decoded = state.requireDecoded();
    List<Preset> presets = state.presets();
    Rendition[] renditions = new Rendition[presets.size()];
    List<BufferedImage> fullFrames = new ArrayList<>(List.of(decoded.image()));
    for (int index : biggestFirst(presets, header)) {
      Preset preset = presets.get(index);
      Size out = Geometry.storedTarget(preset, header);
      BufferedImage base = smallestSufficient(fullFrames, preset, header, out);
      Rectangle region =
          placed(
              Geometry.region(preset, base.getWidth(), base.getHeight(), out),
              base,
              state.placement(preset));
      BufferedImage scaled = scale(base, region, out);
      if (preset.mode() == FitMode.FIT) {
        fullFrames.add(scaled);
      }
      OutputFormat format = formats.own(preset, decoded.transparent());
      renditions[index] = new Rendition(preset, format, scaled, null);
    }
    return state.withRenditions(Arrays.asList(renditions));
  }

  // Moves a cover crop window to its placement (centred unless ChooseSmartCrop chose otherwise).
  private static Rectangle placed(Rectangle window, BufferedImage base, CropPlacement placement) {
    return new Rectangle(
        placement.left(base.getWidth() - window.width),
        placement.top(base.getHeight() - window.height),
        window.width,
        window.height);
  }

  static BufferedImage scale(BufferedImage base, Rectangle region, Size out) {
    boolean alpha = Pixels.hasAlpha(base);
    int width = region.width;
    int height = region.height;
    boolean whole = width == base.getWidth() && height == base.getHeight();
    if (whole && width == out.width() && height == out.height()) {
      return base; // images are never modified, so sharing is safe
    }
    int[] pixels = whole ? Pixels.data(base) : crop(base, region);
    while (width / 2 >= out.width() && height / 2 >= out.height()) {
      pixels = BoxHalving.halve(pixels, width, height);
      width /= 2;
      height /= 2;
    }
    if (width != out.width() || height != out.height()) {
      pixels = Lanczos3.resize(pixels, width, height, out.width(), out.height(), alpha);
    }
    return pixels == Pixels.data(base)
        ? base
        : Pixels.wrap(pixels, out.width(), out.height(), alpha);
  }

  private static int[] crop(BufferedImage image, Rectangle region) {
    int[] src = Pixels.data(image);
    int[] dst = new int[region.width * region.height];
    for (int y = 0; y < region.height; y++) {
      System.arraycopy(
          src, (region.y + y) * image.getWidth() + region.x, dst, y * region.width, region.width);
    }
    return dst;
  }

  private static BufferedImage smallestSufficient(
      List<BufferedImage> fullFrames, Preset preset, ImageHeader header, Size out) {
    Rectangle region = Geometry.region(preset, header.width(), header.height(), out);
    double needed =
        Math.max((double) out.width() / region.width, (double) out.height() / region.height);
    BufferedImage best = fullFrames.getFirst();
    for (BufferedImage candidate : fullFrames) {
      double scale = (double) candidate.getWidth() / header.width();
      if (scale >= 2 * needed && candidate.getWidth() < best.getWidth()) {
        best = candidate;
      }
    }
    return best;
  }

  private static List<Integer> biggestFirst(List<Preset> presets, ImageHeader header) {
    Integer[] order = new Integer[presets.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order,
        Comparator.comparingLong(
                (Integer i) -> {
                  Size size = Geometry.storedTarget(presets.get(i), header);
                  return (long) size.width() * size.height();
                })
            .reversed());
    return List.of(order);
  }
}
