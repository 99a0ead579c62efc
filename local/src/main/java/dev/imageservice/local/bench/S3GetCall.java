package dev.imageservice.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The original's GET as {@code OriginalFetcher} makes it (without its retry and circuit breaker):
 * the object read into a new spool file, whose length is checked, then deleted, as the worker does
 * once per job. The object, random bytes, is stored once when the call is made.
 */
final class S3GetCall implements FloorCall {

  private static final String KEY = "bench/sdk-floor/original.jpg";

  private final S3Client s3;
  private final String bucket;
  private final int bytes;
  private final Path spool;

  private S3GetCall(S3Client s3, String bucket, int bytes, Path spool) {
    this.s3 = s3;
    this.bucket = bucket;
    this.bytes = bytes;
    this.spool = spool;
  }

  /** GETs of an object of {@code bytes} bytes in {@code bucket}, spooled under {@code spool}. */
  static S3GetCall of(S3Client s3, String bucket, int bytes, Path spool) throws IOException {
    s3.putObject(
        r -> r.bucket(bucket).key(KEY), RequestBody.fromBytes(S3PutCall.randomBytes(bytes, 2)));
    Files.createDirectories(spool);
    return new S3GetCall(s3, bucket, bytes, spool);
  }

  @Override
  public CallKind kind() {
    return CallKind.S3_GET;
  }

  @Override
  public void call() {
    try {
      // As OriginalFetcher: a fresh name, removed again, since the SDK will not overwrite a file.
      Path file = Files.createTempFile(spool, "original-", ".bin");
      Files.delete(file);
      GetObjectResponse response = s3.getObject(r -> r.bucket(bucket).key(KEY), file);
      long read = Files.size(file);
      Files.delete(file);
      if (read != bytes || response.contentLength() != bytes) {
        throw new IllegalStateException("read " + read + " of " + bytes + " bytes");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
