package dev.imageservice.worker.render;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.worker.render.codec.NativeCodecs;
import dev.imageservice.worker.render.pixel.ThumbHash;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * Renders thumbnails from an image file: probe the header, refuse what is over the limits, decode
 * once (subsampled), convert to sRGB, place smart crops by saliency, resize each preset, apply EXIF
 * orientation, add the extra encodings asked for, flatten alpha where the output has none, encode
 * without metadata.
 *
 * <p>Thread-safe and stateless between calls: one instance serves every worker thread. A render
 * holds only its own images. Permanent failures throw {@link ImageRejectedException} with a {@code
 * FailureCode}, a passed deadline too ({@code render_timeout}: the image costs more than it may);
 * an unreadable file (I/O) throws {@link java.io.UncheckedIOException}; an interrupt throws the
 * retryable {@link RenderAbortedException}.
 */
public final class RenderPipeline {

  private final RenderProperties properties;
  private final NativeCodecs codecs;
  private final ProbeHeader probe;
  private final GuardLimits guard;
  private final List<RenderStep> steps;

  /** A pipeline with the native codecs this machine has (see {@link NativeCodecs#detected()}). */
  public RenderPipeline(RenderProperties properties) {
    this(properties, NativeCodecs.detected());
  }

  /** A pipeline with the given native codecs ({@link NativeCodecs#none()}: ImageIO only). */
  public RenderPipeline(RenderProperties properties, NativeCodecs codecs) {
    this.properties = properties;
    this.codecs = codecs;
    if (properties.nativeHeap() && codecs != NativeCodecs.none()) {
      // The native decoders' per-image blocks: reused, not new pages for every image.
      NativeCodecs.fixMallocThresholds();
    }
    this.probe = new ProbeHeader(properties.structureLimits());
    this.guard = new GuardLimits(properties);
    FormatChoice formats = new FormatChoice(codecs);
    // The one place that orders the steps. See Orient for why it follows Resize.
    this.steps =
        List.of(
            probe,
            guard,
            new Decode(codecs),
            new ConvertToSrgb(),
            new ChooseSmartCrop(),
            new Resize(formats),
            new ApplyProfile(),
            new Orient(),
            new AddAlternates(formats),
            new FlattenAlpha(),
            new Encode(codecs));
    // Under a Spring Boot fat jar the ImageIO registry may have been created by a class loader
    // that cannot see the TwelveMonkeys plug-ins; scanning again registers them.
    ImageIO.scanForPlugins();
  }

  /** Whether this machine's libheif decodes HEIC and AVIF originals. */
  boolean decodesHeif() {
    return codecs.heif();
  }

  /** The time limit of the largest source accepted: no render runs longer than this. */
  public Duration longestRender() {
    return properties.timeLimit(properties.maxPixels());
  }

  /** Renders without a deadline; only an interrupt stops it early. */
  public RenderResult render(Path source, List<Preset> presets) {
    return render(source, presets, null);
  }

  /**
   * Renders every preset from one decode of {@code source}.
   *
   * @param deadline checked between steps and enforced inside ImageIO decoders (aborted by a
   *     watchdog); native decoders run only when they surely end before it; null for none
   * @return the thumbnails in the order of {@code presets}
   * @throws ImageRejectedException with {@code render_timeout} once the deadline has passed
   */
  public RenderResult render(Path source, List<Preset> presets, @Nullable Instant deadline) {
    return render(source, presets, List.of(), deadline, StepObserver.NONE);
  }

  /** As the full {@code render}, without observing the steps. */
  public RenderResult render(
      Path source,
      List<Preset> presets,
      List<OutputFormat> alternates,
      @Nullable Instant deadline) {
    return render(source, presets, alternates, deadline, StepObserver.NONE);
  }

  /**
   * Renders every preset from one decode of {@code source}, each also in the {@code alternates}
   * formats where this machine has their encoder and they differ from the preset's own (see {@link
   * FormatChoice}), each step run through {@code observer} (timings, spans).
   *
   * @return per preset, in the order of {@code presets}, its own format first, then its extras
   * @throws ImageRejectedException with {@code render_timeout} once the deadline has passed
   */
  public RenderResult render(
      Path source,
      List<Preset> presets,
      List<OutputFormat> alternates,
      @Nullable Instant deadline,
      StepObserver observer) {
    if (presets.isEmpty()) {
      throw new IllegalArgumentException("no presets to render");
    }
    return render(
        RenderState.start(ImageSource.of(source), presets, alternates, deadline),
        deadline,
        observer);
  }

  /**
   * Reads {@code source}'s header once and refuses what is over the limits, exactly as {@link
   * #estimate} does; the answer renders without reading the header again.
   *
   * @throws ImageRejectedException when the header is unreadable or over a limit
   */
  public ProbedSource probe(Path source, List<Preset> presets) {
    return probe(ImageSource.of(source), presets);
  }

  /** As {@link #probe(Path, List)} for a file or bytes in memory. */
  public ProbedSource probe(ImageSource source, List<Preset> presets) {
    if (presets.isEmpty()) {
      throw new IllegalArgumentException("no presets to render");
    }
    ImageHeader header =
        guard.apply(probe.apply(RenderState.start(source, presets))).requireHeader();
    return new ProbedSource(
        source, presets, header, RenderCost.estimate(header, presets, codecs, properties));
  }

  /** As the full {@code render}, from a probed source: the header is not read again. */
  public RenderResult render(
      ProbedSource probed,
      List<OutputFormat> alternates,
      @Nullable Instant deadline,
      StepObserver observer) {
    RenderState start =
        RenderState.start(probed.source(), probed.presets(), alternates, deadline)
            .withHeader(probed.header());
    return render(start, deadline, observer);
  }

  private RenderResult render(
      RenderState initial, @Nullable Instant deadline, StepObserver observer) {
    RenderState state = initial;
    for (RenderStep step : steps) {
      checkDeadline(deadline, step);
      RenderState before = state;
      // Probed before (probe(...)): the header is not read again, but the step is still observed
      // (its span stays in the job's trace); the guard still checks the header.
      boolean probed = step == probe && initial.header() != null;
      state =
          observer.around(
              step.getClass().getSimpleName(), () -> probed ? before : step.apply(before));
      Decoded decoded = state.decoded();
      if (before.decoded() == null && decoded != null) {
        observer.decoded(pixelBytes(decoded.image()));
      }
    }
    ImageHeader header = state.requireHeader();
    List<RenderedThumbnail> thumbnails = new ArrayList<>();
    for (Rendition r : state.renditions()) {
      byte[] bytes = r.bytes() == null ? new byte[0] : r.bytes();
      thumbnails.add(
          new RenderedThumbnail(
              r.preset().name(),
              r.image().getWidth(),
              r.image().getHeight(),
              r.format(),
              bytes,
              r.alternate()));
    }
    return new RenderResult(
        header.format(),
        header.orientedWidth(),
        header.orientedHeight(),
        thumbnails,
        thumbHash(state.renditions()));
  }

  /**
   * The ThumbHash of the smallest rendition (upright, as delivered): a few dozen bytes that a
   * client shows blurred while the real thumbnail loads. The smallest is the cheapest to hash and
   * holds more detail than a ThumbHash keeps.
   */
  private static @Nullable String thumbHash(List<Rendition> renditions) {
    return renditions.stream()
        .map(Rendition::image)
        .min(java.util.Comparator.comparingLong(i -> (long) i.getWidth() * i.getHeight()))
        .map(i -> java.util.Base64.getEncoder().encodeToString(ThumbHash.of(i)))
        .orElse(null);
  }

  /**
   * What rendering {@code source} for these presets will cost, read from the header alone: the
   * bytes of the decoded image (after source subsampling, 4 a pixel) plus the native decoder's
   * buffers, and the render's time limit. Lets a caller reserve memory and set the deadline before
   * {@link #render} decodes. Refuses what is over the limits exactly as {@code render} does.
   *
   * @throws ImageRejectedException when the header is unreadable or over a limit
   */
  public RenderEstimate estimate(Path source, List<Preset> presets) {
    ImageHeader header =
        guard.apply(probe.apply(RenderState.start(source, presets))).requireHeader();
    return RenderCost.estimate(header, presets, codecs, properties);
  }

  /** The memory part of {@link #estimate}. */
  public long decodedBytes(Path source, List<Preset> presets) {
    return estimate(source, presets).memoryBytes();
  }

  /**
   * The configured presets with these names, in the order given; all configured presets when {@code
   * names} is empty.
   *
   * @throws ImageRejectedException ({@code unknown_preset}, permanent) naming the unknown presets:
   *     another delivery to this worker would not know them either
   */
  public List<Preset> presetsNamed(List<String> names) {
    if (names.isEmpty()) {
      return properties.presets();
    }
    Map<String, Preset> byName = new LinkedHashMap<>();
    properties.presets().forEach(p -> byName.put(p.name(), p));
    List<String> unknown = names.stream().filter(n -> !byName.containsKey(n)).toList();
    if (!unknown.isEmpty()) {
      throw new ImageRejectedException(
          FailureCode.UNKNOWN_PRESET,
          "this worker has no preset "
              + unknown
              + " (image-service.presets defines "
              + byName.keySet()
              + ")");
    }
    return names.stream().distinct().map(byName::get).toList();
  }

  private static long pixelBytes(BufferedImage image) {
    DataBuffer buffer = image.getRaster().getDataBuffer();
    return (long) buffer.getSize()
        * buffer.getNumBanks()
        * DataBuffer.getDataTypeSize(buffer.getDataType())
        / 8;
  }

  private static void checkDeadline(@Nullable Instant deadline, RenderStep next) {
    String step = next.getClass().getSimpleName();
    if (Thread.currentThread().isInterrupted()) {
      throw new RenderAbortedException("interrupted before " + step);
    }
    if (deadline != null && Instant.now().isAfter(deadline)) {
      throw timedOut("before " + step);
    }
  }

  /** The failure of a render that ran past its deadline. */
  static ImageRejectedException timedOut(String where) {
    return new ImageRejectedException(
        FailureCode.RENDER_TIMEOUT, "the render ran past its time limit (" + where + ")");
  }
}
