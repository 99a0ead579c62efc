package dev.imageservice.api.upload;

/** What the first bytes of an upload say it is. */
record SniffedImage(String contentType, int width, int height) {}
