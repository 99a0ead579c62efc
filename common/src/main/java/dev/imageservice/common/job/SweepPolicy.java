package dev.imageservice.common.job;

import java.time.Duration;

/**
 * What the sweeper treats as lost and how often it tries again.
 *
 * @param queuedAfter a {@code QUEUED} job untouched this long is announced again
 * @param abandonedAfter a {@code PROCESSING} job whose lease ended this long ago lost its worker
 *     and its message; it is re-queued and announced again
 * @param maxReannouncements how many times an abandoned job is re-queued before it is {@code FAILED
 *     abandoned}
 * @param limit jobs handled per sweep and kind
 */
public record SweepPolicy(
    Duration queuedAfter, Duration abandonedAfter, int maxReannouncements, int limit) {}
