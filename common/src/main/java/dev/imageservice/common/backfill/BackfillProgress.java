package dev.imageservice.common.backfill;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * How far a backfill is.
 *
 * @param total jobs it found outdated when it started
 * @param pending not yet done (waiting or being rendered)
 * @param done re-rendered, or found current already
 * @param skipped left alone, with the reasons and how many of each
 * @param finished whether nothing is pending any more
 */
public record BackfillProgress(
    UUID id,
    String preset,
    int presetVersion,
    Instant createdAt,
    int total,
    int pending,
    int done,
    int skipped,
    Map<String, Integer> skippedReasons,
    boolean finished) {

  public BackfillProgress {
    skippedReasons = Map.copyOf(skippedReasons);
  }
}
