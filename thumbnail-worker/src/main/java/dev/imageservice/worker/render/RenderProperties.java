package dev.imageservice.worker.render;

import dev.imageservice.common.format.StructureLimits;
import dev.imageservice.common.preset.ImagingProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * The renderer's settings, bound from {@code image-service.render.*}; the presets and the byte and
 * pixel limits are not bound here but come from the definition both services share ({@link
 * ImagingProperties}, {@code image-service.presets} and {@code image-service.limits}, see {@link
 * #with(ImagingProperties)}), so that the worker cannot disagree with the API. Every default lives
 * in the compact constructor, so {@link #defaults()} ({@code null} and {@code 0} everywhere) is the
 * production default.
 *
 * @param presets the presets jobs may ask for (from {@code image-service.presets})
 * @param maxPixels largest width x height accepted, checked from the header before decoding (from
 *     {@code image-service.limits.max-pixels})
 * @param maxFrames most frames (pages, TIFF directories) accepted; only the first is rendered
 * @param maxBytes largest file accepted (from {@code image-service.limits.max-bytes})
 * @param maxScans most JPEG scans accepted (default 100); each scan of a progressive JPEG is one
 *     more pass of the decoder over the whole image
 * @param maxChunks most PNG ancillary chunks accepted (default 1000)
 * @param timeBase wall-clock time every render may take (default 10 s)
 * @param timePerMegapixel added to {@code timeBase} per megapixel of the source (default 1 s): a
 *     50-megapixel image, the largest accepted, gets 60 s, several times what it takes on one core,
 *     so only a decoder that is stalled or fed a hostile file reaches it
 * @param warmUp whether the worker renders a few generated images at start, before it takes its
 *     first message (default true), so that the first real jobs do not pay for class loading and
 *     JIT compilation
 * @param nativeCodecs whether libturbojpeg and libwebp are used where installed (default true; the
 *     key is {@code native}); false renders with ImageIO only, about 2.4x slower
 * @param nativeHeap whether the renderer fixes glibc's malloc thresholds when the native codecs are
 *     used (default true), so that the decoders' large per-image blocks are reused rather than new
 *     pages from the kernel for every image; false leaves them to glibc (the same as the JVM
 *     property {@code -Dimage-service.render.native-heap=false})
 */
@ConfigurationProperties("image-service.render")
@Validated
public record RenderProperties(
    @NotEmpty List<@Valid Preset> presets,
    @Positive long maxPixels,
    @Positive int maxFrames,
    @Positive long maxBytes,
    @Positive int maxScans,
    @Positive int maxChunks,
    @NotNull Duration timeBase,
    @NotNull Duration timePerMegapixel,
    boolean warmUp,
    boolean nativeCodecs,
    boolean nativeHeap) {

  public static final long DEFAULT_MAX_PIXELS = ImagingProperties.Limits.DEFAULT_MAX_PIXELS;
  // Only the first frame is decoded, so frames cost only the header scan; 1000 keeps that scan
  // short while admitting any reasonable animation.
  public static final int DEFAULT_MAX_FRAMES = StructureLimits.DEFAULT_MAX_FRAMES;
  public static final long DEFAULT_MAX_BYTES = ImagingProperties.Limits.DEFAULT_MAX_BYTES.toBytes();
  public static final Duration DEFAULT_TIME_BASE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIME_PER_MEGAPIXEL = Duration.ofSeconds(1);
  public static final List<Preset> DEFAULT_PRESETS =
      ImagingProperties.DEFAULT_PRESETS.stream().map(Preset::from).toList();

  // Unset values arrive as null or 0 (from Spring binding or from callers); both mean "default".
  public RenderProperties {
    presets = presets == null || presets.isEmpty() ? DEFAULT_PRESETS : List.copyOf(presets);
    maxPixels = maxPixels == 0 ? DEFAULT_MAX_PIXELS : maxPixels;
    maxFrames = maxFrames == 0 ? DEFAULT_MAX_FRAMES : maxFrames;
    maxBytes = maxBytes == 0 ? DEFAULT_MAX_BYTES : maxBytes;
    maxScans = maxScans == 0 ? StructureLimits.DEFAULT_MAX_SCANS : maxScans;
    maxChunks = maxChunks == 0 ? StructureLimits.DEFAULT_MAX_ANCILLARY_CHUNKS : maxChunks;
    timeBase = timeBase == null ? DEFAULT_TIME_BASE : timeBase;
    timePerMegapixel = timePerMegapixel == null ? DEFAULT_TIME_PER_MEGAPIXEL : timePerMegapixel;
  }

  /**
   * What Spring binds: everything but the shared presets and limits, which {@link
   * #with(ImagingProperties)} adds. {@code native} is a Java keyword, hence the {@link Name}.
   *
   * @param maxFrames most frames (pages, TIFF directories) accepted; only the first is rendered
   * @param maxScans most JPEG scans accepted
   * @param maxChunks most PNG ancillary chunks accepted
   * @param timeBase wall-clock time every render may take (default 10 s)
   * @param timePerMegapixel added to {@code timeBase} per megapixel of the source (default 1 s)
   * @param warmUp whether the worker renders a few generated images at start (default true)
   * @param nativeCodecs whether libturbojpeg and libwebp are used where installed (default true)
   * @param nativeHeap whether the malloc thresholds are fixed for the native decoders (default
   *     true)
   */
  @ConstructorBinding
  public RenderProperties(
      @Positive int maxFrames,
      @Positive int maxScans,
      @Positive int maxChunks,
      @Nullable Duration timeBase,
      @Nullable Duration timePerMegapixel,
      @DefaultValue("true") boolean warmUp,
      @DefaultValue("true") @Name("native") boolean nativeCodecs,
      @DefaultValue("true") boolean nativeHeap) {
    this(
        null,
        0,
        maxFrames,
        0,
        maxScans,
        maxChunks,
        timeBase,
        timePerMegapixel,
        warmUp,
        nativeCodecs,
        nativeHeap);
  }

  /** These settings with the presets and limits both services share. */
  public RenderProperties with(ImagingProperties shared) {
    return new RenderProperties(
        shared.presets().stream().map(Preset::from).toList(),
        shared.limits().maxPixels(),
        maxFrames,
        shared.limits().maxBytes().toBytes(),
        maxScans,
        maxChunks,
        timeBase,
        timePerMegapixel,
        warmUp,
        nativeCodecs,
        nativeHeap);
  }

  /** The production defaults. */
  public static RenderProperties defaults() {
    return limits(null, 0, 0, 0);
  }

  /** The defaults with these presets and limits (0: default); the time limits are the defaults. */
  public static RenderProperties limits(
      @Nullable List<Preset> presets, long maxPixels, int maxFrames, long maxBytes) {
    return new RenderProperties(
        presets, maxPixels, maxFrames, maxBytes, 0, 0, null, null, true, true, true);
  }

  /** The same settings with another render time allowance. */
  public RenderProperties withTime(Duration base, Duration perMegapixel) {
    return new RenderProperties(
        presets,
        maxPixels,
        maxFrames,
        maxBytes,
        maxScans,
        maxChunks,
        base,
        perMegapixel,
        warmUp,
        nativeCodecs,
        nativeHeap);
  }

  /** The structure caps the header pre-scan applies. */
  public StructureLimits structureLimits() {
    return new StructureLimits(maxScans, maxChunks, maxFrames);
  }

  /** How long a render of a {@code pixels}-pixel source may take, wall clock. */
  public Duration timeLimit(long pixels) {
    long microsPerMegapixel = timePerMegapixel.toNanos() / 1000;
    return timeBase.plusNanos(Math.multiplyExact(pixels, microsPerMegapixel) / 1_000_000 * 1000);
  }
}
