package dev.imageservice.common.event;

/** Where one rendered thumbnail is stored and what it is. */
public record ThumbnailRef(
    String preset,
    String bucket,
    String key,
    int width,
    int height,
    String contentType,
    long bytes) {}
