package dev.imageservice.worker.render;

import java.awt.Rectangle;
import java.util.List;

/** The box arithmetic shared by the steps: output sizes, cover crops and decode subsampling. */
final class Geometry {

  /** A width and height in pixels. */
  record Size(int width, int height) {
    Size transposed() {
      return new Size(height, width);
    }
  }

  private Geometry() {}

  /** The thumbnail size of a {@code width x height} picture (both upright) under a preset. */
  static Size target(Preset preset, int width, int height) {
    return preset.mode() == FitMode.FIT
        ? fit(width, height, preset.width(), preset.height())
        : cover(width, height, preset.width(), preset.height());
  }

  /** Keeps the aspect ratio inside the box; never upscales. */
  static Size fit(int width, int height, int boxWidth, int boxHeight) {
    if (width <= boxWidth && height <= boxHeight) {
      return new Size(width, height);
    }
    double scale = Math.min((double) boxWidth / width, (double) boxHeight / height);
    return new Size(scaled(width, scale), scaled(height, scale));
  }

  /**
   * Exactly the box when the picture covers it. A smaller picture is not upscaled: the result is
   * the largest size with the box's aspect ratio that the picture covers at its own scale.
   */
  static Size cover(int width, int height, int boxWidth, int boxHeight) {
    double k = Math.min(1.0, Math.min((double) width / boxWidth, (double) height / boxHeight));
    return new Size(scaled(boxWidth, k), scaled(boxHeight, k));
  }

  /**
   * The centred region of a {@code width x height} image that has the aspect ratio of {@code out}.
   */
  static Rectangle centredCrop(int width, int height, Size out) {
    int cropWidth = (int) Math.min(width, Math.round((double) height * out.width() / out.height()));
    int cropHeight =
        (int) Math.min(height, Math.round((double) width * out.height() / out.width()));
    cropWidth = Math.max(1, cropWidth);
    cropHeight = Math.max(1, cropHeight);
    return new Rectangle((width - cropWidth) / 2, (height - cropHeight) / 2, cropWidth, cropHeight);
  }

  /** The region of a stored-orientation image a preset uses: all of it, or the cover crop. */
  static Rectangle region(Preset preset, int width, int height, Size storedOut) {
    return preset.mode() == FitMode.FIT
        ? new Rectangle(0, 0, width, height)
        : centredCrop(width, height, storedOut);
  }

  /** The preset's output size in the stored (pre-orientation) frame. */
  static Size storedTarget(Preset preset, ImageHeader header) {
    Size upright = target(preset, header.orientedWidth(), header.orientedHeight());
    return header.transposed() ? upright.transposed() : upright;
  }

  /**
   * The largest integer source subsampling that still leaves the decoded image at least twice as
   * large as every preset needs; 1 when any preset needs more than half the resolution.
   */
  static int subsampling(ImageHeader header, List<Preset> presets) {
    double needed = scaleNeeded(header, presets);
    return needed <= 0 ? 1 : Math.max(1, (int) Math.floor(1 / (2 * needed)));
  }

  /**
   * The largest fraction of the stored width or height that any preset needs (1 when a preset needs
   * the full resolution): decoders may scale the source down to twice this, no further.
   */
  static double scaleNeeded(ImageHeader header, List<Preset> presets) {
    double needed = 0;
    for (Preset preset : presets) {
      Size out = storedTarget(preset, header);
      Rectangle region = region(preset, header.width(), header.height(), out);
      needed =
          Math.max(
              needed,
              Math.max((double) out.width() / region.width, (double) out.height() / region.height));
    }
    return needed;
  }

  private static int scaled(int length, double scale) {
    return Math.max(1, (int) Math.round(length * scale));
  }
}
