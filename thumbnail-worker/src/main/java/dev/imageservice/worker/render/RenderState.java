package dev.imageservice.worker.render;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The immutable state handed from step to step. Fields fill in as the pipeline advances: the header
 * after {@link ProbeHeader}, the decoded image after {@link Decode}, renditions after {@link
 * Resize}.
 */
record RenderState(
    Path source,
    List<Preset> presets,
    @Nullable ImageHeader header,
    @Nullable Decoded decoded,
    List<Rendition> renditions) {

  RenderState {
    presets = List.copyOf(presets);
    renditions = List.copyOf(renditions);
  }

  static RenderState start(Path source, List<Preset> presets) {
    return new RenderState(source, presets, null, null, List.of());
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
    return new RenderState(source, presets, newHeader, decoded, renditions);
  }

  RenderState withDecoded(@Nullable Decoded newDecoded) {
    return new RenderState(source, presets, header, newDecoded, renditions);
  }

  RenderState withRenditions(List<Rendition> newRenditions) {
    return new RenderState(source, presets, header, decoded, newRenditions);
  }
}
