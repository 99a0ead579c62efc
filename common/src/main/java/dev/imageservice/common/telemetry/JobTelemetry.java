package dev.imageservice.common.telemetry;

import org.jspecify.annotations.Nullable;

/**
 * What operators see of one job beside its state: its trace id and, once it succeeded, its timings
 * and the input format they were measured on. Immutable.
 */
public record JobTelemetry(
    @Nullable String traceId, @Nullable JobTimings timings, @Nullable String inputFormat) {}
