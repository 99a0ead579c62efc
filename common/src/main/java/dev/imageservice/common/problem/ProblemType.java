package dev.imageservice.common.problem;

import java.net.URI;

/**
 * The API's error vocabulary (RFC 9457). Each type has a stable URI and {@code code}; clients may
 * rely on both. The {@code title} is constant per type; the {@code detail} of a response says what
 * was wrong with that request and never carries internals.
 */
public enum ProblemType {
  MALFORMED_REQUEST(400, "malformed_request", "The request is malformed"),
  UNAUTHORIZED(401, "unauthorized", "A valid API key is required"),
  FORBIDDEN(403, "forbidden", "This key may not perform the operation"),
  NOT_FOUND(404, "not_found", "No such resource"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not_acceptable", "Not acceptable"),
  PAYLOAD_TOO_LARGE(413, "payload_too_large", "The upload is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Not an image format we read"),
  // The response's code is the job failure code the worker would have set (too_many_scans, ...).
  IMAGE_REJECTED(422, "image_rejected", "The image exceeds a structural limit"),
  THUMBNAIL_NOT_READY(409, "thumbnail_not_ready", "The thumbnail is not available"),
  JOB_NOT_RETRYABLE(409, "job_not_retryable", "Only a FAILED job can be retried"),
  TOO_MANY_REQUESTS(429, "too_many_requests", "Too many requests; slow down"),
  SERVICE_UNAVAILABLE(503, "service_unavailable", "A dependency is unavailable, retry later"),
  INTERNAL_ERROR(500, "internal_error", "Unexpected error");

  private static final String BASE = "https://image-service.dev/problems/";

  private final int status;
  private final String code;
  private final String title;

  ProblemType(int status, String code, String title) {
    this.status = status;
    this.code = code;
    this.title = title;
  }

  public URI type() {
    return URI.create(BASE + code.replace('_', '-'));
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }
}
