package dev.imageservice.api.directupload;

import dev.imageservice.api.storage.StorageProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Chooses where a direct upload lands and signs the PUT for it. The key is the server's ({@code
 * <prefix><tenant>/<jobId>}), never the client's; {@code Content-Type} and {@code Content-Length}
 * are signed, so S3 refuses a PUT of another type or size (SigV4 covers every signed header).
 * Thread-safe.
 */
@Component
class UploadUrls {

  private final S3Presigner presigner;
  private final StorageProperties storage;
  private final DirectUploadProperties properties;
  private final Clock clock;

  UploadUrls(
      S3Presigner presigner,
      StorageProperties storage,
      DirectUploadProperties properties,
      Clock clock) {
    this.presigner = presigner;
    this.storage = storage;
    this.properties = properties;
    this.clock = clock;
  }

  String keyOf(String tenantId, UUID jobId) {
    return properties.prefix() + tenantId + "/" + jobId;
  }

  /** The job id in an upload key, if the key is one of ours. */
  static java.util.Optional<UUID> jobIdOf(String prefix, String key) {
    if (!key.startsWith(prefix)) {
      return java.util.Optional.empty();
    }
    String last = key.substring(key.lastIndexOf('/') + 1);
    try {
      return java.util.Optional.of(UUID.fromString(last));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  Instant expiryFromNow() {
    // Whole seconds: what the database stores and a repeated request answers, to the digit.
    return clock
        .instant()
        .plus(properties.urlTtl())
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /**
   * A PUT valid until {@code expiresAt} (signed now for the time left, so a repeated request with
   * the same idempotency key gets a URL that ends at the same instant).
   */
  UploadTicket.Upload sign(String key, String contentType, long size, Instant expiresAt) {
    Duration left = Duration.between(clock.instant(), expiresAt);
    if (left.toSeconds() < 1) {
      left = Duration.ofSeconds(1);
    }
    Duration validFor = left;
    PresignedPutObjectRequest presigned =
        presigner.presignPutObject(
            request ->
                request
                    .signatureDuration(validFor)
                    .putObjectRequest(
                        put ->
                            put.bucket(storage.imagesBucket())
                                .key(key)
                                .contentType(contentType)
                                .contentLength(size)));
    Map<String, String> headers = new LinkedHashMap<>();
    // The browser sets Host itself; every other signed header must be sent as signed.
    presigned
        .signedHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("host")) {
                headers.put(canonical(name), String.join(",", values));
              }
            });
    headers.putIfAbsent("Content-Type", contentType);
    headers.putIfAbsent("Content-Length", Long.toString(size));
    return new UploadTicket.Upload("PUT", URI.create(presigned.url().toString()), headers);
  }

  private static String canonical(String header) {
    return switch (header.toLowerCase(java.util.Locale.ROOT)) {
      case "content-type" -> "Content-Type";
      case "content-length" -> "Content-Length";
      default -> header;
    };
  }

  static final List<String> FORMATS = List.of("jpeg", "png", "webp", "avif");
}
