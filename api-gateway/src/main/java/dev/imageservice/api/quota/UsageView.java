package dev.imageservice.api.quota;

import org.jspecify.annotations.Nullable;

/** A tenant's usage as {@code GET /v1/usage} shows it. */
public record UsageView(Uploads uploads, Storage storage) {

  /**
   * Uploads against the per-minute quota.
   *
   * @param perMinute the tenant's quota
   * @param remaining uploads that may start now (the bucket's level)
   * @param jobs the tenant's jobs stored now (deleted ones no longer count)
   */
  public record Uploads(int perMinute, long remaining, long jobs) {}

  /**
   * Stored bytes against the quota.
   *
   * @param bytes originals still stored plus every thumbnail
   * @param quotaBytes the quota, absent when unlimited
   * @param remainingBytes what may still be stored, absent when unlimited
   */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Storage(
      long bytes,
      long originalBytes,
      long thumbnailBytes,
      @Nullable Long quotaBytes,
      @Nullable Long remainingBytes) {}
}
