package dev.imageservice.worker.render;

import dev.imageservice.worker.render.saliency.CropPlacement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The immutable state handed from step to step. Fields fill in as the pipeline advances: the header
 * after {@link ProbeHeader}, the decoded image after {@link Decode}, smart-crop placements after
 * {@link ChooseSmartCrop}, renditions after {@link Resize}. {@code alternates} are the extra
 * encodings the job asked for. The deadline, when there is one, is the wall-clock instant past
 * which the render fails with {@code render_timeout}; {@link Decode} enforces it inside the decoder
 * too.
 */
record RenderState(
    ImageSource source,
    List<Preset> presets,
    @Nullable Instant deadline,
    @Nullable ImageHeader header,
    @Nullable Decoded decoded,
    List<Rendition> renditions,
    List<OutputFormat> alternates,
    Map<String, CropPlacement> placements) {

  RenderState {
    presets = List.copyOf(presets);
    renditions = List.copyOf(renditions);
    alternates = List.copyOf(alternates);
    placements = Map.copyOf(placements);
  }

  /** Where the crop window of a preset goes: chosen by {@link ChooseSmartCrop}, else centred. */
  CropPlacement placement(Preset preset) {
    return placements.getOrDefault(preset.name(), CropPlacement.CENTRED);
  }

  RenderState withPlacements(Map<String, CropPlacement> newPlacements) {
    return new RenderState(
        source, presets, deadline, header, decoded, renditions, alternates, newPlacements);
  }

  static RenderState start(Path source, List<Preset> presets) {
    return start(ImageSource.of(source), presets);
  }

  static RenderState start(ImageSource source, List<Preset> presets) {
    return start(source, presets, List.of(), null);
  }

  /** A render that also stores each preset in the {@code alternates} formats where it can. */
  static RenderState start(
      ImageSource source,
      List<Preset> presets,
      List<OutputFormat> alternates,
      @Nullable Instant deadline) {
    return new RenderState(source, presets, deadline, null, null, List.of(), alternates, Map.of());
  }

  ImageHeader requireHeader() {
    if (header == null) {
      throw new IllegalStateException("no header yet: ProbeHeader must run first");
    }
    return header;
  }

  Decoded requireDecoded() {
    if (decoded == null) {
      throw new IllegalStateException("no image yet: Decode must run first");
    }
    return decoded;
  }

  RenderState withHeader(ImageHeader newHeader) {
    return new RenderState(
        source, presets, deadline, newHeader, decoded, renditions, alternates, placements);
  }

  RenderState withDecoded(@Nullable Decoded newDecoded) {
    return new RenderState(
        source, presets, deadline, header, newDecoded, renditions, alternates, placements);
  }

  RenderState withRenditions(List<Rendition> newRenditions) {
    return new RenderState(
        source, presets, deadline, header, decoded, newRenditions, alternates, placements);
  }
}
