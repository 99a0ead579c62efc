package dev.imageservice.worker.render;

import dev.imageservice.worker.render.Geometry.Size;
import dev.imageservice.worker.render.pixel.BoxHalving;
import dev.imageservice.worker.render.pixel.Pixels;
import dev.imageservice.worker.render.saliency.CropPlacement;
import dev.imageservice.worker.render.saliency.SaliencyMap;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Places the crop window of every {@link FitMode#SMART} preset where the picture's saliency is
 * highest (see {@link SaliencyMap}), computed once on a copy of the decoded image halved to at most
 * {@value #ANALYSIS_SIDE} pixels a side. The window keeps the size a cover crop has; only its
 * position changes, recorded as a {@link CropPlacement} that {@link Resize} applies at whatever
 * scale it starts from. Runs on the stored (pre-orientation) frame, like {@link Resize}.
 */
final class ChooseSmartCrop implements RenderStep {

  static final int ANALYSIS_SIDE = 384;

  @Override
  public RenderState apply(RenderState state) {
    if (state.presets().stream().noneMatch(p -> p.mode() == FitMode.SMART)) {
      return state;
    }
    ImageHeader header = state.requireHeader();
    BufferedImage image = state.requireDecoded().image();
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = Pixels.data(image);
    while (Math.max(width, height) > ANALYSIS_SIDE && Math.min(width, height) >= 2) {
      pixels = BoxHalving.halve(pixels, width, height);
      width /= 2;
      height /= 2;
    }
    double[] saliency = SaliencyMap.of(pixels, width, height);
    Map<String, CropPlacement> placements = new LinkedHashMap<>();
    for (Preset preset : state.presets()) {
      if (preset.mode() == FitMode.SMART) {
        Size out = Geometry.storedTarget(preset, header);
        Rectangle window = Geometry.centredCrop(width, height, out);
        placements.put(
            preset.name(),
            CropPlacement.best(saliency, width, height, window.width, window.height));
      }
    }
    return state.withPlacements(placements);
  }
}
