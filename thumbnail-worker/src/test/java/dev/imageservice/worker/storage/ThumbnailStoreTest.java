package dev.imageservice.worker.storage;

import static dev.imageservice.worker.storage.GuardedS3.guarded;
import static dev.imageservice.worker.storage.GuardedS3.s3Guard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.S3ProxyServer;
import dev.imageservice.worker.render.OutputFormat;
import dev.imageservice.worker.render.RenderedThumbnail;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Thumbnails land in the bucket (S3Proxy) with a browser cache lifetime no longer than a link's:
 * {@code Cache-Control: private, max-age=<seconds>}, never {@code public} or {@code immutable}.
 */
class ThumbnailStoreTest {

  private static final String BUCKET = "thumbnails";
  private static S3ProxyServer server;
  private static S3Client s3;

  @BeforeAll
  static void startS3() {
    server =
        S3ProxyServer.start(
            null, "127.0.0.1", 0, LocalInfrastructure.ACCESS_KEY, LocalInfrastructure.SECRET_KEY);
    s3 = LocalInfrastructure.client(S3Client.builder().forcePathStyle(true), server.endpoint());
    s3.createBucket(r -> r.bucket(BUCKET));
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
    server.close();
  }

  @Test
  void thumbnailsAreStoredPrivateForNoLongerThanTheDefaultLinkLifetime() {
    HeadObjectResponse head = storeOne(new WorkerStorageProperties(BUCKET, null, null, null));

    assertThat(head.cacheControl()).isEqualTo("private, max-age=900");
    assertThat(head.contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void theCacheLifetimeFollowsTheConfiguredMaxAge() {
    HeadObjectResponse head =
        storeOne(new WorkerStorageProperties(BUCKET, null, Duration.ofMinutes(5), null));

    assertThat(head.cacheControl())
        .isEqualTo("private, max-age=300")
        .doesNotContain("public", "immutable");
  }

  @Test
  void theStoredObjectIsTheEncodedBytesExactly() {
    // Sent without the copy RequestBody.fromBytes made: the object must still be the thumbnail.
    byte[] encoded = new byte[300_000];
    new java.util.Random(16).nextBytes(encoded);
    Thumbnail[] stored = new Thumbnail[1];
    guarded()
        .run(
            context ->
                stored[0] =
                    new ThumbnailStore(
                            s3,
                            new WorkerStorageProperties(BUCKET, null, null, null),
                            s3Guard(context))
                        .store(
                            "tenant-a",
                            UUID.randomUUID(),
                            new RenderedThumbnail("large", 600, 400, OutputFormat.PNG, encoded)));

    assertThat(stored[0].bytes()).isEqualTo(encoded.length);
    assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(stored[0].key())).asByteArray())
        .isEqualTo(encoded);
  }

  @Test
  void aMaxAgeBeyondADayIsRefusedAtStart() {
    assertThatThrownBy(() -> new WorkerStorageProperties(BUCKET, null, Duration.ofDays(365), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image-service.storage.thumbnail-cache-max-age");
  }

  private static HeadObjectResponse storeOne(WorkerStorageProperties properties) {
    HeadObjectResponse[] head = new HeadObjectResponse[1];
    guarded()
        .run(
            context -> {
              ThumbnailStore store = new ThumbnailStore(s3, properties, s3Guard(context));
              UUID jobId = UUID.randomUUID();
              var thumbnail =
                  store.store(
                      "tenant-a",
                      jobId,
                      new RenderedThumbnail(
                          "small", 2, 2, OutputFormat.JPEG, new byte[] {(byte) 0xFF, (byte) 0xD8}));
              head[0] = s3.headObject(r -> r.bucket(BUCKET).key(thumbnail.key()));
            });
    return head[0];
  }
}
