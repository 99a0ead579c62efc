package bench;

import dev.imageservice.worker.render.FitMode;
import dev.imageservice.worker.render.OutputFormat;
import dev.imageservice.worker.render.Preset;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.RenderResult;
import dev.imageservice.worker.render.RenderedThumbnail;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The worker's production pipeline behind the shared harness's in-process hook ({@code
 * RENDERER_CLASS}): one instance, shared by the harness's worker threads (the pipeline is
 * thread-safe). Makes the harness's two thumbnails (fit 1024 and 256, JPEG q85) from one decode.
 */
public final class WorkerRenderer {

  private static final List<Preset> PRESETS =
      List.of(
          new Preset("1024", 1024, 1024, FitMode.FIT, OutputFormat.JPEG, 85),
          new Preset("256", 256, 256, FitMode.FIT, OutputFormat.JPEG, 85));

  private final RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());

  public void process(File in, String outBase) throws Exception {
    RenderResult result = pipeline.render(in.toPath(), PRESETS);
    for (RenderedThumbnail thumbnail : result.thumbnails()) {
      Files.write(Path.of(outBase + "_" + thumbnail.preset() + ".jpg"), thumbnail.bytes());
    }
  }
}
