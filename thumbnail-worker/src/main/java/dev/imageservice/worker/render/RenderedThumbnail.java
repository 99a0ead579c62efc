package dev.imageservice.worker.render;

/**
 * One encoded thumbnail. {@code width} and {@code height} are the encoded picture's size, upright
 * (EXIF orientation applied). The byte array is owned by the receiver; the renderer keeps no copy.
 */
public record RenderedThumbnail(
    String preset, int width, int height, OutputFormat format, byte[] bytes) {}
