package dev.imageservice.worker.render;

import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import org.jspecify.annotations.Nullable;

/**
 * The decoded (possibly subsampled) source, still in its stored orientation.
 *
 * @param image never modified once here
 * @param profile an embedded ICC profile the decoder did not apply itself (PNG iCCP, JPEG APP2 read
 *     by the native decoder), else null; after {@link ConvertToSrgb}, the non-sRGB profile still to
 *     be applied to the thumbnails of an opaque image
 * @param transparent whether some pixel is not fully opaque; set by {@link ConvertToSrgb}
 */
record Decoded(BufferedImage image, @Nullable ICC_Profile profile, boolean transparent) {}
