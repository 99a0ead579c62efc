package dev.imageservice.common.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a tenant's job list: the last job of the previous page. Rendered as an opaque
 * URL-safe token so that clients do not build it themselves.
 */
public record JobCursor(Instant createdAt, UUID jobId) {

  public static JobCursor after(Job job) {
    return new JobCursor(job.createdAt(), job.jobId());
  }

  public String token() {
    String raw = createdAt + "|" + jobId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException when the token was not made by {@link #token()}
   */
  public static JobCursor parse(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      return new JobCursor(
          Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a cursor token", e);
    }
  }
}
