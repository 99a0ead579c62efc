package dev.imageservice.api.upload;

/** What the first bytes of an upload say it is, and its stored (not yet oriented) dimensions. */
public record SniffedImage(String contentType, int width, int height) {}
