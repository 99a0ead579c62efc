package dev.imageservice.worker.render;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Renders a few images of each common kind (photo-size JPEGs in the three chroma layouts cameras
 * write, large enough to be scaled on decode; a camera-like progressive JPEG with EXIF and the
 * usual sRGB profile, one with a profile to apply, PNGs with photo-like noise and every row filter,
 * a transparent WebP; see {@link #run} and {@link #thorough}) through a pipeline, so that the first
 * real job does not pay for class loading, ImageIO plug-in discovery, native symbol binding and the
 * interpreter: measured, a cold first render is several times slower than a warm one. It ends by
 * letting the JIT finish compiling what it made hot ({@link JitSettle}, at most 2 s).
 *
 * <p>Thread-safe (uses only its own temporary files); meant to run once at start-up, before the
 * worker takes messages.
 */
public final class RenderWarmUp {

  // Two: the photo-size JPEGs make their loops hot in the first pass, and JitSettle waits for C2;
  // measured, a third pass cost about 1.5 s (one core) for no clear gain on the first real render.
  private static final int PASSES = 2;
  private static final Duration SETTLE = Duration.ofSeconds(2);
  private static final Duration DEADLINE = Duration.ofMinutes(1);

  private RenderWarmUp() {}

  /**
   * The worker's start-up warm-up: three 2400x1600 JPEGs (4:2:0; 4:4:4 with the sRGB profile;
   * 4:2:2), two small camera-like JPEGs (progressive, EXIF-rotated, sRGB profile; a profile to
   * apply), small opaque, grey and transparent PNGs and a transparent WebP, twice with every
   * configured preset, as the job processor calls the pipeline, so in the formats presets give
   * (JPEG; WebP, or PNG without libwebp, with alpha). The encoders only {@code formats=...} reaches
   * (AVIF; PNG where libwebp is present) are left to {@link #thorough}. Returns how long it took.
   */
  public static Duration run(RenderPipeline pipeline) {
    return run(pipeline, PASSES, false, result -> {});
  }

  /**
   * A longer warm-up for a JVM that is timed from its first call (the benchmark's render server):
   * also a PNG wide enough to be decoded with source subsampling, grey + alpha, 16-bit, palette and
   * interlaced PNGs, each of which takes its own path through ImageIO's PNG reader, whose
   * compilation by C2 otherwise costs seconds during the first real PNGs; and every output format
   * once, whose AVIF thumbnails then join the passes (libheif's decoder).
   */
  public static Duration thorough(RenderPipeline pipeline, int passes) {
    return run(pipeline, passes, true, result -> {});
  }

  /** The warm-up, handing each render's result to {@code seen} (what it covered, for tests). */
  static Duration run(
      RenderPipeline pipeline, int passes, boolean thorough, Consumer<RenderResult> seen) {
    long start = System.nanoTime();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("render-warm-up");
      List<Path> images = new ArrayList<>(WarmUpImages.everyDay(dir));
      if (thorough) {
        images.addAll(WarmUpImages.rarePngs(dir));
        everyFormat(pipeline, dir, images, seen);
      }
      List<Preset> presets = pipeline.presetsNamed(List.of());
      for (int pass = 0; pass < passes; pass++) {
        for (Path image : images) {
          seen.accept(thorough ? pipeline.render(image, presets) : asTheWorker(pipeline, image));
        }
      }
      // The warm-up's survivors are copied now, not by the first real render's first young
      // collection (measured 40 ms with the serial collector a one-core JVM picks; later ones
      // take under 1 ms). A no-op under -XX:+DisableExplicitGC.
      System.gc();
      JitSettle.await(SETTLE);
    } catch (IOException e) {
      throw new UncheckedIOException("render warm-up failed", e);
    } finally {
      deleteQuietly(dir);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Every output format once (their encoders' first calls set up native state), opaque and with
   * alpha, as uploads with formats=... ask; small images, one box: these encoders are slow (AVIF
   * encoding was the slowest step of the whole warm-up). Their AVIF thumbnails join the passes, to
   * warm the HEIC/AVIF decoder (libheif, the planar YCbCr path). Only in the thorough warm-up:
   * measured, they cost the worker's start 1-1.5 s on one core and did not make its first JPEG
   * faster; a worker's first WebP or AVIF job pays for them instead.
   */
  private static void everyFormat(
      RenderPipeline pipeline, Path dir, List<Path> images, Consumer<RenderResult> seen)
      throws IOException {
    List<OutputFormat> all = List.of(OutputFormat.values());
    List<Preset> one = List.of(Preset.of("warm-up", 1024, 1024, FitMode.FIT));
    RenderResult opaque = pipeline.render(WarmUpImages.wideGamutJpeg(dir), one, all, null);
    RenderResult transparent = pipeline.render(WarmUpImages.transparentPng(dir), one, all, null);
    seen.accept(opaque);
    seen.accept(transparent);
    if (pipeline.decodesHeif()) {
      addLargestAvif(images, dir.resolve("opaque.avif"), opaque);
      addLargestAvif(images, dir.resolve("alpha.avif"), transparent);
    }
  }

  /**
   * As the worker's job processor calls the pipeline: the image in native memory (as an original
   * under the in-memory limit is held), probed first, then rendered under a deadline (the
   * watchdog's path). The thorough warm-up calls as the benchmark's batch does: from the file,
   * without a deadline.
   */
  private static RenderResult asTheWorker(RenderPipeline pipeline, Path image) throws IOException {
    List<Preset> presets = pipeline.presetsNamed(List.of());
    byte[] bytes = Files.readAllBytes(image);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment held = arena.allocate(Math.max(1, bytes.length)).asSlice(0, bytes.length);
      MemorySegment.copy(bytes, 0, held, JAVA_BYTE, 0, bytes.length);
      ImageSource source = ImageSource.of(held, String.valueOf(image.getFileName()));
      return pipeline.render(
          pipeline.probe(source, presets),
          List.of(),
          Instant.now().plus(DEADLINE),
          StepObserver.NONE);
    }
  }

  private static void addLargestAvif(List<Path> images, Path file, RenderResult result)
      throws IOException {
    Optional<RenderedThumbnail> avif =
        result.thumbnails().stream()
            .filter(t -> t.format() == OutputFormat.AVIF)
            .max(Comparator.comparingLong(t -> (long) t.width() * t.height()));
    if (avif.isPresent()) {
      images.add(Files.write(file, avif.get().bytes()));
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // Only temporary files are left behind.
    }
  }
}
