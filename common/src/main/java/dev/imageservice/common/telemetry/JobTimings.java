package dev.imageservice.common.telemetry;

/**
 * Where the time of one job's successful processing went, in milliseconds. {@code queuedMs} runs
 * from the upload (job created) to the claim; {@code totalMs} from the claim to SUCCEEDED and
 * equals {@code downloadMs + decodeMs + resizeMs + encodeMs + uploadMs + otherMs} (each rounded, so
 * within a few ms); {@code otherMs} is the rest: waits for a render slot or memory, probing, colour
 * conversion, orientation and the database. {@code cpuMs} is the CPU time of the thread that
 * rendered, {@code decodePeakBytes} the decoded image's bytes.
 */
public record JobTimings(
    long queuedMs,
    long downloadMs,
    long decodeMs,
    long resizeMs,
    long encodeMs,
    long uploadMs,
    long otherMs,
    long totalMs,
    long cpuMs,
    long decodePeakBytes) {}
