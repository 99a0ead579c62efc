package dev.imageservice.common.job;

/** A stored thumbnail of a job, as recorded in the {@code thumbnails} table. */
public record Thumbnail(
    String preset,
    String bucket,
    String key,
    int width,
    int height,
    String contentType,
    long bytes) {}
