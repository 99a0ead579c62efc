package dev.imageservice.worker.render;

import java.awt.color.ICC_Profile;

/**
 * Converts each rendition of an opaque image from its embedded ICC profile to sRGB, after {@link
 * Resize}: the conversion (LCMS through Java2D) is per pixel, so running it on the thumbnails
 * instead of the decoded image gives the same colours at a fraction of the cost. {@link
 * ConvertToSrgb} leaves the profile in {@link Decoded} only when it is an RGB, non-sRGB one.
 * Stateless and thread-safe.
 */
final class ApplyProfile implements RenderStep {

  @Override
  public RenderState apply(RenderState state) {
    ICC_Profile profile = state.requireDecoded().profile();
    if (profile == null) {
      return state;
    }
    return state.withRenditions(
        state.renditions().stream()
            .map(r -> r.withImage(ConvertToSrgb.applyProfile(r.image(), profile)))
            .toList());
  }
}
