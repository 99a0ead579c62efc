package dev.imageservice.local.bench;

import dev.imageservice.worker.storage.Original;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The original's GET as {@code OriginalFetcher} makes it for an original under its in-memory limit
 * (without its retry and circuit breaker): the object read into native memory, its length checked,
 * the memory freed, as the worker does once per job. The object, random bytes, is stored once when
 * the call is made.
 */
final class S3GetCall implements FloorCall {

  private static final String KEY = "bench/sdk-floor/original.jpg";

  private final S3Client s3;
  private final String bucket;
  private final int bytes;

  private S3GetCall(S3Client s3, String bucket, int bytes) {
    this.s3 = s3;
    this.bucket = bucket;
    this.bytes = bytes;
  }

  /** GETs of an object of {@code bytes} bytes in {@code bucket}. */
  static S3GetCall of(S3Client s3, String bucket, int bytes) {
    s3.putObject(
        r -> r.bucket(bucket).key(KEY), RequestBody.fromBytes(S3PutCall.randomBytes(bytes, 2)));
    return new S3GetCall(s3, bucket, bytes);
  }

  @Override
  public CallKind kind() {
    return CallKind.S3_GET;
  }

  @Override
  public void call() {
    try (Original original =
        s3.getObject(
            r -> r.bucket(bucket).key(KEY),
            (response, in) -> Original.inMemory(in, response.contentLength(), KEY))) {
      if (original.size() != bytes) {
        throw new IllegalStateException("read " + original.size() + " of " + bytes + " bytes");
      }
    }
  }
}
