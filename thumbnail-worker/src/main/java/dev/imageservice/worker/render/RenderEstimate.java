package dev.imageservice.worker.render;

import java.time.Duration;

/**
 * What a render will cost, read from the header alone so that a caller can reserve memory and set a
 * deadline before decoding.
 *
 * @param memoryBytes the decoded image on the heap plus the native decoder's buffers
 * @param timeLimit how long the render may take, wall clock; see {@link
 *     RenderProperties#timeLimit(long)}
 */
public record RenderEstimate(long memoryBytes, Duration timeLimit) {}
