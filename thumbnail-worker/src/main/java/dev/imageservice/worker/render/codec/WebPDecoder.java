package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Decodes a still WebP file with libwebp ({@code libwebp.so.7}), scaled while decoding ({@code
 * WebPDecoderConfig.options.use_scaling}: libwebp's area-averaging rescaler), into straight BGRA.
 *
 * <p>Thread-safe and stateless: every call has its own config struct in a confined arena. Declines
 * (empty) animations and anything libwebp refuses, so the established decoder handles them.
 */
final class WebPDecoder {

  static final String LIBRARY = "libwebp.so.7";
  // WEBP_DECODER_ABI_VERSION of libwebp 1.2 (Debian 12); the library checks the major byte.
  private static final int ABI = 0x0209;
  private static final int MODE_BGRA = 3;
  // struct WebPDecoderConfig: input (features) at 0, output (WebPDecBuffer) at 40, options at 160.
  private static final long CONFIG_SIZE = 240;
  private static final long OUTPUT = 40;
  private static final long OPTIONS = 160;

  private final MethodHandle initConfig;
  private final MethodHandle getFeatures;
  private final MethodHandle decode;

  /** Binds the library; throws {@link IllegalArgumentException} when it is not installed. */
  WebPDecoder(String library) {
    SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global());
    Linker linker = Linker.nativeLinker();
    initConfig =
        linker.downcallHandle(
            lib.findOrThrow("WebPInitDecoderConfigInternal"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    getFeatures =
        linker.downcallHandle(
            lib.findOrThrow("WebPGetFeaturesInternal"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT));
    decode =
        linker.downcallHandle(
            lib.findOrThrow("WebPDecode"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS));
  }

  Optional<NativeImage> decode(MemorySegment data, double minScale) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment config = arena.allocate(CONFIG_SIZE, 8);
      if ((int) initConfig.invokeExact(config, ABI) == 0
          || (int) getFeatures.invokeExact(data, data.byteSize(), config, ABI) != 0) {
        return Optional.empty();
      }
      int width = config.get(JAVA_INT, 0);
      int height = config.get(JAVA_INT, 4);
      boolean alpha = config.get(JAVA_INT, 8) != 0;
      if (config.get(JAVA_INT, 12) != 0) {
        return Optional.empty(); // animation: only the first frame is rendered, by ImageIO
      }
      double scale = Math.min(1.0, minScale);
      int outWidth = Math.max(1, (int) Math.ceil(width * scale));
      int outHeight = Math.max(1, (int) Math.ceil(height * scale));
      if (outWidth < width || outHeight < height) {
        config.set(JAVA_INT, OPTIONS + 28, 1); // use_scaling
        config.set(JAVA_INT, OPTIONS + 32, outWidth);
        config.set(JAVA_INT, OPTIONS + 36, outHeight);
      }
      MemorySegment pixels = arena.allocate(JAVA_INT, (long) outWidth * outHeight);
      config.set(JAVA_INT, OUTPUT, MODE_BGRA); // colorspace
      config.set(JAVA_INT, OUTPUT + 12, 1); // is_external_memory: write into our buffer
      config.set(ADDRESS, OUTPUT + 16, pixels); // u.RGBA.rgba
      config.set(JAVA_INT, OUTPUT + 24, outWidth * 4); // u.RGBA.stride
      config.set(JAVA_LONG, OUTPUT + 32, pixels.byteSize()); // u.RGBA.size
      if ((int) decode.invokeExact(data, data.byteSize(), config) != 0) {
        return Optional.empty();
      }
      return Optional.of(
          new NativeImage(pixels.toArray(JAVA_INT), outWidth, outHeight, alpha, null));
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("libwebp call failed", e);
    }
  }
}
