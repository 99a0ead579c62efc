package dev.imageservice.worker.storage;

import static dev.imageservice.worker.storage.GuardedS3.guarded;
import static dev.imageservice.worker.storage.GuardedS3.s3Guard;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.S3ProxyServer;
import dev.imageservice.worker.render.ImageRejectedException;
import dev.imageservice.worker.render.ImageSource;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Originals come from the bucket (S3Proxy) whole: up to the in-memory limit into native memory and
 * nothing on disk, above it into a spool file that closing deletes; a missing object is the job's
 * permanent failure.
 */
class OriginalFetcherTest {

  private static final String BUCKET = "images";
  private static S3ProxyServer server;
  private static S3Client s3;

  @TempDir Path spool;

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
  void anOriginalUpToTheLimitIsReadIntoMemoryAndNothingIsSpooled() {
    byte[] bytes = put("small", 300_000);

    fetching(
        DataSize.ofBytes(300_000),
        "small",
        original -> {
          assertThat(original.inMemory()).isTrue();
          assertThat(original.size()).isEqualTo(bytes.length);
          assertThat(read(original.source())).isEqualTo(bytes);
          assertThat(spooled()).isEmpty();
        });
    assertThat(spooled()).isEmpty();
  }

  @Test
  void anOriginalOverTheLimitIsSpooledAndClosingDeletesTheFile() {
    byte[] bytes = put("large", 300_001);

    fetching(
        DataSize.ofBytes(300_000),
        "large",
        original -> {
          assertThat(original.inMemory()).isFalse();
          assertThat(original.size()).isEqualTo(bytes.length);
          assertThat(read(original.source())).isEqualTo(bytes);
          assertThat(spooled()).hasSize(1);
          // Named as SpoolSweep looks for the files a killed worker left behind.
          PathMatcher sweepFinds =
              spool.getFileSystem().getPathMatcher("glob:" + OriginalFetcher.SPOOL_FILES);
          assertThat(sweepFinds.matches(spooled().getFirst().getFileName())).isTrue();
        });
    assertThat(spooled()).isEmpty();
  }

  @Test
  void anEmptyObjectIsAnEmptyOriginal() {
    put("empty", 0);

    fetching(
        DataSize.ofMegabytes(16),
        "empty",
        original -> assertThat(read(original.source())).isEmpty());
  }

  @Test
  void aMissingObjectIsThePermanentFailureOriginalMissing() {
    ImageRejectedException[] refused = new ImageRejectedException[1];
    guarded()
        .run(
            context ->
                refused[0] =
                    catchThrowableOfType(
                        ImageRejectedException.class,
                        () -> fetcher(context, DataSize.ofMegabytes(16)).fetch(BUCKET, "gone")));

    assertThat(refused[0].code()).isEqualTo(FailureCode.ORIGINAL_MISSING);
    assertThat(spooled()).isEmpty();
  }

  private void fetching(DataSize limit, String key, Consumer<Original> check) {
    guarded()
        .run(
            context -> {
              try (Original original = fetcher(context, limit).fetch(BUCKET, key)) {
                check.accept(original);
              }
            });
  }

  private OriginalFetcher fetcher(
      org.springframework.context.ConfigurableApplicationContext context, DataSize limit) {
    return new OriginalFetcher(
        s3, new WorkerStorageProperties("thumbnails", spool, null, limit), s3Guard(context));
  }

  private static byte[] put(String key, int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    return bytes;
  }

  private static byte[] read(ImageSource source) {
    try (Arena arena = Arena.ofConfined()) {
      return source.bytes(arena).toArray(JAVA_BYTE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<Path> spooled() {
    try (Stream<Path> files = Files.list(spool)) {
      return files.toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
