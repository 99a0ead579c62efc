package dev.imageservice.common.backfill;

import dev.imageservice.common.job.Job;
import dev.imageservice.common.preset.PresetSnapshot;
import java.util.UUID;

/**
 * One job's rendition to redo, as a worker claimed it.
 *
 * @param token the claim; the outcome applies only while the row still carries it
 * @param definition what to render, at the version the backfill brings renditions to
 * @param original where the job's original is stored
 */
public record BackfillItem(
    UUID backfillId,
    UUID jobId,
    long token,
    String tenantId,
    PresetSnapshot definition,
    Job.Original original) {}
