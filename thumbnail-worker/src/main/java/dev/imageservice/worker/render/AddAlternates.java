package dev.imageservice.worker.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds, after each rendition, the extra encodings the upload asked for ({@code formats=webp,avif}),
 * sharing its finished (resized, colour-managed, oriented) pixels: an extra format costs one more
 * encode, not another resize. Runs after {@link Orient} and before {@link FlattenAlpha}; the extras
 * (WebP, AVIF) keep alpha, so flattening never touches them.
 */
final class AddAlternates implements RenderStep {

  private final FormatChoice choice;

  AddAlternates(FormatChoice choice) {
    this.choice = choice;
  }

  @Override
  public RenderState apply(RenderState state) {
    if (state.alternates().isEmpty()) {
      return state;
    }
    List<Rendition> all = new ArrayList<>();
    for (Rendition own : state.renditions()) {
      all.add(own);
      for (OutputFormat extra : choice.alternates(state.alternates(), own.format())) {
        all.add(own.alternateAs(extra));
      }
    }
    return state.withRenditions(all);
  }
}
