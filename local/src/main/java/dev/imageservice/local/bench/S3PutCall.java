package dev.imageservice.local.bench;

import dev.imageservice.worker.storage.ThumbnailStore;
import dev.imageservice.worker.storage.WorkerStorageProperties;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A thumbnail's PUT as {@code ThumbnailStore} makes it (without its retry and circuit breaker,
 * which are not the SDK's): the worker's content type, {@code Cache-Control} (the default max-age)
 * and body (the encoder's array, not copied). It cycles through one job's three keys, so that the
 * stored objects do not pile up. The body is random bytes: S3 and the SDK do not look into it.
 */
final class S3PutCall implements FloorCall {

  private static final String CONTENT_TYPE = "image/webp";
  private static final String[] PRESETS = {"small", "medium", "large"};

  private final S3Client s3;
  private final String bucket;
  private final byte[] body;
  private final String cacheControl;
  private final UUID job = UUID.randomUUID();
  private int next;

  /** PUTs of {@code bytes} bytes into {@code bucket}. */
  S3PutCall(S3Client s3, String bucket, int bytes) {
    this.s3 = s3;
    this.bucket = bucket;
    this.body = randomBytes(bytes, 1);
    this.cacheControl =
        new WorkerStorageProperties(bucket, null, null, null).thumbnailCacheControl();
  }

  @Override
  public CallKind kind() {
    return CallKind.S3_PUT;
  }

  @Override
  public void call() {
    String key = ThumbnailStore.keyOf("bench", job, PRESETS[next++ % PRESETS.length], "webp");
    s3.putObject(
        r -> r.bucket(bucket).key(key).contentType(CONTENT_TYPE).cacheControl(cacheControl),
        RequestBody.fromContentProvider(
            ContentStreamProvider.fromByteArrayUnsafe(body), body.length, CONTENT_TYPE));
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
