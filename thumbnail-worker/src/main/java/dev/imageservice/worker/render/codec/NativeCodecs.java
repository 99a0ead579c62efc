package dev.imageservice.worker.render.codec;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional native codecs of the renderer: scaled JPEG decoding and JPEG encoding through
 * libjpeg-turbo's TurboJPEG API, scaled WebP decoding and WebP encoding through libwebp, AVIF
 * encoding through libavif, all called with {@code java.lang.foreign}. Each codec is used only
 * where its library loads; everything else (and every image a native decoder declines) goes through
 * ImageIO and TwelveMonkeys. Without libwebp or libavif there is no WebP or AVIF output: the
 * renderer then falls back as {@code FormatChoice} says.
 *
 * <p>Switched off with {@code -Dimage-service.render.native=false} or the environment variable
 * {@code IMAGE_SERVICE_RENDER_NATIVE=false}. Thread-safe; {@link #detected()} is loaded once per
 * JVM.
 */
public final class NativeCodecs {

  public static final String PROPERTY = "image-service.render.native";

  /**
   * Overrides the AVIF encoder speed (0..10) for measurements, e.g. {@code -Dbench.avif-speed=9}
   * with {@code bench/render/encoders.sh}; not a setting of the service.
   */
  public static final String AVIF_SPEED_PROPERTY = "bench.avif-speed";

  /** The AVIF encoder speed the renderer uses (see {@code AvifEncoder}). */
  public static final int DEFAULT_AVIF_SPEED =
      Math.clamp(Integer.getInteger(AVIF_SPEED_PROPERTY, AvifEncoder.DEFAULT_SPEED), 0, 10);

  private static final Logger LOG = LoggerFactory.getLogger(NativeCodecs.class);
  private static final NativeCodecs NONE = new NativeCodecs(null, null, null, null, null, null);

  private final @Nullable TurboJpegDecoder jpegDecoder;
  private final @Nullable TurboJpegEncoder jpegEncoder;
  private final @Nullable WebPDecoder webpDecoder;
  private final @Nullable HeifDecoder heifDecoder;
  private final @Nullable WebPEncoder webpEncoder;
  private final @Nullable AvifEncoder avifEncoder;

  private NativeCodecs(
      @Nullable TurboJpegDecoder jpegDecoder,
      @Nullable TurboJpegEncoder jpegEncoder,
      @Nullable WebPDecoder webpDecoder,
      @Nullable HeifDecoder heifDecoder,
      @Nullable WebPEncoder webpEncoder,
      @Nullable AvifEncoder avifEncoder) {
    this.jpegDecoder = jpegDecoder;
    this.jpegEncoder = jpegEncoder;
    this.webpDecoder = webpDecoder;
    this.heifDecoder = heifDecoder;
    this.webpEncoder = webpEncoder;
    this.avifEncoder = avifEncoder;
  }

  /** The codecs of this machine, unless switched off by the property or environment variable. */
  public static NativeCodecs detected() {
    return Detected.INSTANCE;
  }

  /**
   * Fixes glibc's malloc thresholds for the native decoders' per-image blocks, once per JVM (see
   * {@code NativeHeap}); the render pipeline calls it unless {@code
   * image-service.render.native-heap} is false.
   */
  public static void fixMallocThresholds() {
    NativeHeap.fixThresholdsOnce();
  }

  /** No native codec: the pure-Java path. */
  public static NativeCodecs none() {
    return NONE;
  }

  /** Whatever loads of the three libraries, ignoring the switch. */
  public static NativeCodecs load() {
    return load(TurboJpeg.LIBRARY, WebPDecoder.LIBRARY, LibHeif.LIBRARY, Avif.LIBRARY);
  }

  /**
   * As {@link #load()}, but JPEGs always decode to BGRA at the DCT-scaled size, as before the
   * planar path: for the comparison tests and benchmarks only.
   */
  public static NativeCodecs loadWithoutPlanarJpeg() {
    NativeCodecs all = load();
    TurboJpeg tj = tryLoad(TurboJpeg.LIBRARY, () -> new TurboJpeg(TurboJpeg.LIBRARY));
    return new NativeCodecs(
        tj == null ? null : new TurboJpegDecoder(tj, false),
        all.jpegEncoder,
        all.webpDecoder,
        all.heifDecoder,
        all.webpEncoder,
        all.avifEncoder);
  }

  /** Whatever loads of these two libraries (file names or paths), without libheif or libavif. */
  static NativeCodecs load(String turboJpegLibrary, String webpLibrary) {
    return load(turboJpegLibrary, webpLibrary, null, null);
  }

  /** Whatever loads of these three libraries (file names or paths), without libavif. */
  static NativeCodecs load(String turboJpegLibrary, String webpLibrary, String heifLibrary) {
    return load(turboJpegLibrary, webpLibrary, heifLibrary, null);
  }

  /**
   * Whatever loads of these libraries (file names or paths; a null libheif or libavif is not
   * tried).
   */
  static NativeCodecs load(
      String turboJpegLibrary,
      String webpLibrary,
      @Nullable String heifLibrary,
      @Nullable String avifLibrary) {
    TurboJpeg tj = tryLoad(turboJpegLibrary, () -> new TurboJpeg(turboJpegLibrary));
    WebPDecoder webp = tryLoad(webpLibrary, () -> new WebPDecoder(webpLibrary));
    WebPEncoder webpOut = tryLoad(webpLibrary, () -> new WebPEncoder(webpLibrary));
    LibHeif heif =
        heifLibrary == null ? null : tryLoad(heifLibrary, () -> new LibHeif(heifLibrary));
    Avif avif = avifLibrary == null ? null : tryLoad(avifLibrary, () -> new Avif(avifLibrary));
    return new NativeCodecs(
        tj == null ? null : new TurboJpegDecoder(tj),
        tj == null ? null : new TurboJpegEncoder(tj),
        webp,
        heif == null ? null : new HeifDecoder(heif),
        webpOut,
        avif == null ? null : new AvifEncoder(avif));
  }

  public boolean jpeg() {
    return jpegDecoder != null;
  }

  public boolean webp() {
    return webpDecoder != null;
  }

  /** Whether HEIC, HEIF and AVIF can be decoded here (libheif loaded). */
  public boolean heif() {
    return heifDecoder != null;
  }

  /** Whether WebP output is available (libwebp's encoder). */
  public boolean webpEncoding() {
    return webpEncoder != null;
  }

  /** Whether AVIF output is available (libavif with an AV1 encoder). */
  public boolean avifEncoding() {
    return avifEncoder != null;
  }

  /** Each codec by library name, and whether it is on: for logs and {@code /actuator/info}. */
  public java.util.Map<String, Boolean> status() {
    java.util.Map<String, Boolean> status = new java.util.LinkedHashMap<>();
    status.put("libturbojpeg", jpeg());
    status.put("libwebp", webp());
    status.put("libheif", heif());
    status.put("libavif", avifEncoding());
    return status;
  }

  /**
   * Decodes a JPEG at the smallest DCT scale keeping at least {@code minScale} of each side; empty
   * when the native path is off or declines this file (CMYK, truncated, damaged).
   */
  public Optional<NativeImage> decodeJpeg(Path source, double minScale) throws IOException {
    return decodeJpeg(source, minScale, 1.0);
  }

  /** As {@link #decodeJpeg(MemorySegment, String, double, double)}, the file mapped. */
  public Optional<NativeImage> decodeJpeg(Path source, double minScale, double keep)
      throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      return decodeJpeg(map(source, arena), String.valueOf(source.getFileName()), minScale, keep);
    }
  }

  /**
   * As {@link #decodeJpeg(Path, double)} for the encoded bytes {@code jpeg} ({@code name} for log
   * lines), then box-reduced by the largest power of two that keeps at least {@code keep} of each
   * side (what the caller's 2x2 halving would have done), where that can happen before the colour
   * conversion (4:4:4, 4:2:2, 4:2:0 and grey JPEGs); the image may therefore be smaller than {@code
   * minScale}, never than {@code keep}.
   */
  public Optional<NativeImage> decodeJpeg(
      MemorySegment jpeg, String name, double minScale, double keep) {
    return jpegDecoder == null ? Optional.empty() : jpegDecoder.decode(jpeg, name, minScale, keep);
  }

  /** Decodes a still WebP scaled to about {@code minScale}; empty when off or declined. */
  public Optional<NativeImage> decodeWebp(Path source, double minScale) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      return decodeWebp(map(source, arena), minScale);
    }
  }

  /** As {@link #decodeWebp(Path, double)} for the encoded bytes {@code webp}. */
  public Optional<NativeImage> decodeWebp(MemorySegment webp, double minScale) {
    return webpDecoder == null ? Optional.empty() : webpDecoder.decode(webp, minScale);
  }

  /**
   * Decodes the primary image of a HEIC, HEIF or AVIF file reduced by the largest whole factor that
   * keeps at least {@code minScale} of each side, upright ({@code irot}, {@code imir}), alpha kept.
   *
   * @throws IllegalStateException when libheif is not loaded (check {@link #heif()} first)
   * @throws HeifDecodeException when libheif refuses the file (damaged, truncated, unsupported)
   */
  public NativeImage decodeHeif(Path source, double minScale) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      return decodeHeif(map(source, arena), minScale);
    }
  }

  /** As {@link #decodeHeif(Path, double)} for the encoded bytes {@code heif}. */
  public NativeImage decodeHeif(MemorySegment heif, double minScale) {
    if (heifDecoder == null) {
      throw new IllegalStateException("libheif is not loaded");
    }
    return heifDecoder.decode(heif, minScale);
  }

  /** The file mapped read-only into {@code arena}: read where it lies, never copied. */
  public static MemorySegment map(Path file, Arena arena) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
    }
  }

  /** A baseline 4:2:0 JPEG of packed RGB pixels; empty when the native encoder is off. */
  public Optional<byte[]> encodeJpeg(int[] rgb, int width, int height, float quality) {
    if (jpegEncoder == null) {
      return Optional.empty();
    }
    int q = Math.clamp(Math.round(quality * 100), 1, 100);
    return Optional.of(jpegEncoder.encode(rgb, width, height, q));
  }

  /**
   * A lossy WebP of straight (not premultiplied) {@code 0xAARRGGBB} pixels, quality 1..100; an
   * alpha channel only where some pixel is not opaque. Empty when libwebp is missing or off.
   */
  public Optional<byte[]> encodeWebp(int[] argb, int width, int height, int quality) {
    return webpEncoder == null
        ? Optional.empty()
        : Optional.of(webpEncoder.encode(argb, width, height, quality));
  }

  /**
   * A still AVIF, quality 1..100, speed 0..10 (see {@link #DEFAULT_AVIF_SPEED}); {@code argb}
   * premultiplied when {@code alpha}, else its top byte is ignored. Empty when libavif is missing
   * or off.
   */
  public Optional<byte[]> encodeAvif(
      int[] argb, int width, int height, boolean alpha, int quality, int speed) {
    return avifEncoder == null
        ? Optional.empty()
        : Optional.of(avifEncoder.encode(argb, width, height, alpha, quality, speed));
  }

  @Override
  public String toString() {
    return "NativeCodecs[turbojpeg=%s, libwebp=%s, libwebp-encoder=%s, libheif=%s, libavif=%s]"
        .formatted(jpeg(), webp(), webpEncoding(), heif(), avifEncoding());
  }

  static boolean switchedOn() {
    String value = System.getProperty(PROPERTY, System.getenv("IMAGE_SERVICE_RENDER_NATIVE"));
    return value == null || !value.trim().toLowerCase(Locale.ROOT).equals("false");
  }

  private static <T> @Nullable T tryLoad(String library, Supplier<T> loader) {
    try {
      return loader.get();
    } catch (IllegalArgumentException | UnsatisfiedLinkError | IllegalCallerException e) {
      // Missing library, or native access denied: the pure-Java path renders the same images.
      LOG.debug("native codec {} unavailable: {}", library, e.getMessage());
      return null;
    }
  }

  private static final class Detected {
    static final NativeCodecs INSTANCE = switchedOn() ? load() : NONE;

    static {
      LOG.info("renderer codecs: {}", INSTANCE);
      if (INSTANCE != NONE) {
        MissingCodecWarnings.log(INSTANCE);
      }
    }
  }
}
