package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.jspecify.annotations.Nullable;

/**
 * The libheif 1.15 C API ({@code libheif.so.1}) bound through {@code java.lang.foreign}: the
 * functions that read a file from memory, find its primary image and decode it, to interleaved
 * 8-bit RGB(A) or to the decoder's own YCbCr planes. Only method handles; thread-safe (libheif
 * contexts are used by one call each).
 */
final class LibHeif {

  static final String LIBRARY = "libheif.so.1";
  static final int COLORSPACE_RGB = 1;
  static final int CHROMA_INTERLEAVED_RGBA = 11;
  static final int CHANNEL_INTERLEAVED = 10;
  // Planar decoding: the decoder's own layout (no libheif colour conversion, see PlanarReduce).
  static final int COLORSPACE_YCBCR = 0;
  static final int COLORSPACE_UNDEFINED = 99;
  static final int CHROMA_420 = 1;
  static final int CHROMA_422 = 2;
  static final int CHROMA_444 = 3;
  static final int CHROMA_UNDEFINED = 99;
  static final int CHANNEL_Y = 0;
  static final int CHANNEL_CB = 1;
  static final int CHANNEL_CR = 2;
  static final int CHANNEL_ALPHA = 6;
  // struct heif_color_profile_nclx: uint8 version, then int enums color_primaries (4),
  // transfer_characteristics (8), matrix_coefficients (12), then uint8 full_range_flag (16).
  static final long NCLX_MATRIX = 12;
  static final long NCLX_FULL_RANGE = 16;
  // heif_decoding_options (1.15): version, ignore_transformations, 3 callbacks, user data, then
  // (version 2) convert_hdr_to_8bit at byte 40.
  static final long OPTION_CONVERT_HDR_TO_8BIT = 40;
  static final int ERROR_SECURITY_LIMIT = 1000; // heif_suberror_Security_limit_exceeded

  /** struct heif_error { int code; int subcode; const char* message; }, returned by value. */
  static final StructLayout ERROR =
      MemoryLayout.structLayout(
          JAVA_INT.withName("code"), JAVA_INT.withName("subcode"), ADDRESS.withName("message"));

  final MethodHandle contextAlloc;
  final MethodHandle contextFree;
  final MethodHandle readFromMemory;
  final MethodHandle primaryHandle;
  final MethodHandle handleRelease;
  final MethodHandle hasAlpha;
  final MethodHandle handleWidth;
  final MethodHandle handleHeight;
  final MethodHandle profileSize;
  final MethodHandle rawProfile;
  final MethodHandle optionsAlloc;
  final MethodHandle optionsFree;
  final MethodHandle decodeImage;
  final MethodHandle imageRelease;
  final MethodHandle planeReadonly;
  final MethodHandle imageWidth;
  final MethodHandle imageHeight;
  final MethodHandle isPremultiplied;
  final MethodHandle imageColorspace;
  final MethodHandle imageChroma;
  final MethodHandle bitsPerPixelRange;
  final MethodHandle imageNclx;
  final MethodHandle nclxFree;
  private final SymbolLookup lib;
  private final Linker linker = Linker.nativeLinker();

  /** Binds the library; throws {@link IllegalArgumentException} when it is not installed. */
  LibHeif(String library) {
    lib = SymbolLookup.libraryLookup(library, Arena.global());
    contextAlloc = bind("heif_context_alloc", FunctionDescriptor.of(ADDRESS));
    contextFree = bind("heif_context_free", FunctionDescriptor.ofVoid(ADDRESS));
    // heif_error heif_context_read_from_memory_without_copy(ctx, mem, size, options)
    readFromMemory =
        bind(
            "heif_context_read_from_memory_without_copy",
            FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    primaryHandle =
        bind(
            "heif_context_get_primary_image_handle",
            FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS));
    handleRelease = bind("heif_image_handle_release", FunctionDescriptor.ofVoid(ADDRESS));
    hasAlpha =
        bind("heif_image_handle_has_alpha_channel", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    handleWidth = bind("heif_image_handle_get_width", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    handleHeight = bind("heif_image_handle_get_height", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    profileSize =
        bind(
            "heif_image_handle_get_raw_color_profile_size",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    rawProfile =
        bind(
            "heif_image_handle_get_raw_color_profile",
            FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS));
    optionsAlloc = bind("heif_decoding_options_alloc", FunctionDescriptor.of(ADDRESS));
    optionsFree = bind("heif_decoding_options_free", FunctionDescriptor.ofVoid(ADDRESS));
    // heif_error heif_decode_image(handle, heif_image** out, colorspace, chroma, options)
    decodeImage =
        bind(
            "heif_decode_image",
            FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    imageRelease = bind("heif_image_release", FunctionDescriptor.ofVoid(ADDRESS));
    planeReadonly =
        bind(
            "heif_image_get_plane_readonly",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
    imageWidth = bind("heif_image_get_width", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    imageHeight = bind("heif_image_get_height", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    isPremultiplied =
        bind("heif_image_handle_is_premultiplied_alpha", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    imageColorspace = bind("heif_image_get_colorspace", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    imageChroma = bind("heif_image_get_chroma_format", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    bitsPerPixelRange =
        bind(
            "heif_image_get_bits_per_pixel_range",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    // heif_error heif_image_get_nclx_color_profile(const heif_image*, heif_color_profile_nclx**)
    imageNclx =
        bind("heif_image_get_nclx_color_profile", FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS));
    nclxFree = bind("heif_nclx_color_profile_free", FunctionDescriptor.ofVoid(ADDRESS));
  }

  private MethodHandle bind(String name, FunctionDescriptor descriptor) {
    return linker.downcallHandle(lib.findOrThrow(name), descriptor);
  }

  /** Null when {@code error} (a returned heif_error) says success, else libheif's message. */
  static @Nullable HeifDecodeException failure(MemorySegment error, String step) {
    int code = error.get(JAVA_INT, 0);
    if (code == 0) {
      return null;
    }
    int subcode = error.get(JAVA_INT, 4);
    MemorySegment message = error.get(ADDRESS, 8);
    String text =
        message.equals(MemorySegment.NULL)
            ? "error " + code + "/" + subcode
            : message.reinterpret(4096).getString(0);
    return new HeifDecodeException(subcode == ERROR_SECURITY_LIMIT, step + ": " + text);
  }
}
