package dev.imageservice.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.testing.AgedFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class UploadSpoolSweepTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @TempDir Path spool;

  @Test
  void deletesTheBodiesAndPartsAKilledReplicaLeftButNotThoseOfLiveRequests() throws IOException {
    UploadProperties settings = new UploadProperties(DataSize.ofMegabytes(1), spool, 0, 0, 0);
    Path multipart = Files.createDirectories(spool.resolve(MultipartConfig.FOLDER));
    Path body = file(spool.resolve("upload-1.bin"), Duration.ofHours(2));
    Path part = file(multipart.resolve("upload_3f1c_00000001.tmp"), Duration.ofHours(2));
    Path liveBody = file(spool.resolve("upload-2.bin"), Duration.ofMinutes(10));
    Path livePart = file(multipart.resolve("upload_3f1c_00000002.tmp"), Duration.ofMinutes(10));
    // In the local run the worker spools originals into the same directory: not the API's.
    Path original = file(spool.resolve("original-1.bin"), Duration.ofHours(2));

    int deleted = new UploadSpoolSweep(settings, Clock.fixed(NOW, ZoneOffset.UTC)).sweep();

    assertThat(deleted).isEqualTo(2);
    assertThat(body).doesNotExist();
    assertThat(part).doesNotExist();
    assertThat(liveBody).exists();
    assertThat(livePart).exists();
    assertThat(original).exists();
  }

  @Test
  void theSpoolersFilesAreNamedAsTheSweepLooksForThem() throws IOException {
    UploadProperties settings = new UploadProperties(DataSize.ofMegabytes(1), spool, 0, 0, 0);
    Path file = new UploadSpooler(settings).spool(new ByteArrayInputStream(new byte[] {1, 2, 3}));
    try {
      assertThat(file.getParent()).isEqualTo(spool);
      assertThat(
              spool
                  .getFileSystem()
                  .getPathMatcher("glob:" + UploadSpooler.SPOOL_FILES)
                  .matches(file.getFileName()))
          .isTrue();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void aSpoolDirectoryNotYetCreatedIsNotAnError() {
    UploadProperties settings =
        new UploadProperties(DataSize.ofMegabytes(1), spool.resolve("not-yet"), 0, 0, 0);

    assertThat(new UploadSpoolSweep(settings, Clock.systemUTC()).sweep()).isZero();
  }

  private static Path file(Path path, Duration age) throws IOException {
    return AgedFiles.written(path, "bytes of an upload", NOW.minus(age));
  }
}
