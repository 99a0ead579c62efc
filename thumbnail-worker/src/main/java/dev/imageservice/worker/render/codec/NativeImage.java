package dev.imageservice.worker.render.codec;

import org.jspecify.annotations.Nullable;

/**
 * Pixels a native decoder produced, packed one {@code int} per pixel as {@code 0xAARRGGBB}
 * (straight alpha; {@code 0xff} when the image has none), row after row, stride = width.
 *
 * @param iccProfile the embedded ICC profile the decoder did not apply, else null
 */
public record NativeImage(
    int[] pixels, int width, int height, boolean alpha, byte @Nullable [] iccProfile) {}
