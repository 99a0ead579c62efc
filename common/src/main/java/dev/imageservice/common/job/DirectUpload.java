package dev.imageservice.common.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a direct upload's bytes are expected, beside its {@code AWAITING_UPLOAD} job.
 *
 * @param uploadKey the images bucket key the presigned PUT writes (under the upload prefix)
 * @param declaredSize the {@code Content-Length} the URL was signed for
 * @param formats output encodings asked for at creation, carried as given (empty: the default)
 * @param expiresAt when the presigned URL stops working
 */
public record DirectUpload(
    UUID jobId, String uploadKey, long declaredSize, List<String> formats, Instant expiresAt) {

  public DirectUpload {
    formats = List.copyOf(formats);
  }
}
