package dev.imageservice.common.problem;

import java.net.URI;

/**
 * The API's error vocabulary (RFC 9457). Each type has a stable URI and {@code code}; clients may
 * rely on both. The {@code title} is constant per type; the {@code detail} of a response says what
 * was wrong with that request and never carries internals.
 */
public enum ProblemType {
  MALFORMED_REQUEST(
      400,
      "malformed_request",
      "The request is malformed",
      "bad parameter, unknown preset, empty body, bad cursor or job id; a path the firewall refuses"
          + " (`;`, encoded `/` `\\` `.` `%`, `//`, `..`)"),
  UNAUTHORIZED(
      401,
      "unauthorized",
      "A valid API key is required",
      "missing, unknown or revoked key (`WWW-Authenticate: Bearer`)"),
  FORBIDDEN(
      403,
      "forbidden",
      "This key may not perform the operation",
      "a valid key that may not do this (a tenant's key on `/admin`)"),
  NOT_FOUND(404, "not_found", "No such resource", "unknown job, or another tenant's"),
  METHOD_NOT_ALLOWED(
      405, "method_not_allowed", "Method not allowed", "the path exists, the method does not"),
  NOT_ACCEPTABLE(
      406,
      "not_acceptable",
      "Not acceptable",
      "the `Accept` header admits neither JSON nor problem+json"),
  PAYLOAD_TOO_LARGE(
      413,
      "payload_too_large",
      "The upload is too large",
      "over the upload limit (`image-service.upload.max-size`, 50 MB by default), refused while"
          + " streaming"),
  UNSUPPORTED_MEDIA_TYPE(
      415,
      "unsupported_media_type",
      "Not an image format we read",
      "the bytes are not JPEG, PNG, GIF, WebP, TIFF or BMP"),
  // The response's code is the job failure code the worker would have set (too_many_scans, ...).
  IMAGE_REJECTED(
      422,
      "image_rejected",
      "The image exceeds a structural limit",
      "the image's structure is over a limit; `code` is the failure code a job would have got:"
          + " `too_many_scans`, `too_many_chunks` or `too_many_frames`. No job is created"),
  THUMBNAIL_NOT_READY(
      409,
      "thumbnail_not_ready",
      "The thumbnail is not available",
      "thumbnail asked for before the job succeeded"),
  JOB_NOT_RETRYABLE(
      409,
      "job_not_retryable",
      "Only a FAILED job can be retried",
      "an operator's retry of a job that is not `FAILED`"),
  WEBHOOK_URL_REFUSED(
      422,
      "webhook_url_refused",
      "The webhook URL is not allowed",
      "a webhook URL that is not `https`, or whose host resolves to a loopback, private, link-local,"
          + " metadata, multicast, reserved or IPv4-mapped address"),
  WEBHOOK_LIMIT_REACHED(
      409,
      "webhook_limit_reached",
      "Too many webhooks",
      "the tenant already has `image-service.webhooks.max-endpoints-per-tenant` webhooks"),
  WEBHOOK_DISABLED(
      409,
      "webhook_disabled",
      "The webhook is disabled",
      "a replay to a webhook disabled after its deliveries kept failing; register it again"),
  UPLOAD_MISSING(
      409,
      "upload_missing",
      "The upload has not arrived",
      "`POST /v1/uploads/{jobId}/complete` before the object was PUT to the job's upload URL"),
  TOO_MANY_REQUESTS(
      429,
      "too_many_requests",
      "Too many requests; slow down",
      "over the tenant's request rate, or too many invalid keys from this client; `Retry-After`"
          + " and `RateLimit-*` headers"),
  QUOTA_EXCEEDED(
      429,
      "quota_exceeded",
      "The tenant's storage quota is used up",
      "an upload that would take the tenant's stored bytes (originals and thumbnails) over its"
          + " quota; `Retry-After`, and `RateLimit-*` headers counting bytes; deleting jobs frees"
          + " space"),
  SERVICE_UNAVAILABLE(
      503,
      "service_unavailable",
      "A dependency is unavailable, retry later",
      "a dependency (PostgreSQL, S3, SNS) is down; retry after `Retry-After` seconds"),
  INTERNAL_ERROR(
      500,
      "internal_error",
      "Unexpected error",
      "a fault of ours; the detail is fixed, the cause is in the logs");

  private static final String BASE = "https://image-service.dev/problems/";

  private final int status;
  private final String code;
  private final String title;
  private final String when;

  ProblemType(int status, String code, String title, String when) {
    this.status = status;
    this.code = code;
    this.title = title;
    this.when = when;
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

  /** When a client gets this problem, in Markdown: the generated error table of docs/api.md. */
  public String when() {
    return when;
  }
}
