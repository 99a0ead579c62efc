package dev.imageservice.common.job;

/**
 * Why a job failed: a stable machine-readable {@code code} and a message safe to show its uploader.
 */
public record JobError(String code, String message) {}
