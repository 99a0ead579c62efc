package dev.imageservice.api.directupload;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The answer to {@code POST /v1/uploads}: the job, and how to send its bytes.
 *
 * @param upload the request to make: {@code method} {@code PUT}, the presigned {@code url}, and the
 *     {@code headers} it was signed with, to be sent exactly
 * @param expiresAt when the URL stops working; the job then ends {@code EXPIRED}
 */
record UploadTicket(UUID jobId, Upload upload, Instant expiresAt) {

  record Upload(String method, URI url, Map<String, String> headers) {

    Upload {
      headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
  }
}
