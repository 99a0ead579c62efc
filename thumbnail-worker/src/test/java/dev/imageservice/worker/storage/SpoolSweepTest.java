package dev.imageservice.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.common.testing.AgedFiles;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.codec.NativeCodecs;
import dev.imageservice.worker.system.WorkerScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolSweepTest {

  private final WorkerScheduler scheduler = new WorkerScheduler();
  private final Instant now = Instant.now();

  @TempDir Path spool;

  @AfterEach
  void stopTimers() {
    scheduler.close();
  }

  @Test
  void deletesWhatAKilledWorkerLeftAsSoonAsItStarts() throws IOException {
    Path leftBehind = file("original-123.bin", Duration.ofHours(2));
    Path inFlight = file("original-456.bin", Duration.ofMinutes(5));
    // In the local run the API spools uploads into the same directory: not the worker's to sweep.
    Path upload = file("upload-789.bin", Duration.ofHours(2));
    SpoolSweep sweep = sweep(RenderProperties.defaults());

    sweep.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> Files.notExists(leftBehind));
    assertThat(inFlight).exists();
    assertThat(upload).exists();
    sweep.stop();
    assertThat(sweep.isRunning()).isFalse();
  }

  @Test
  void waitsAnHourOrTwiceTheLongestRenderWhicheverIsLonger() throws IOException {
    Path ninetyMinutes = file("original-1.bin", Duration.ofMinutes(90));
    Path threeHours = file("original-2.bin", Duration.ofHours(3));
    // 10 s + 1 min per megapixel: a 50-megapixel render may take 50 min 10 s, so 100 min 20 s.
    RenderProperties slow =
        RenderProperties.defaults().withTime(Duration.ofSeconds(10), Duration.ofMinutes(1));

    assertThat(sweep(slow).sweep()).isEqualTo(1);
    assertThat(ninetyMinutes).exists();
    assertThat(threeHours).doesNotExist();

    assertThat(sweep(RenderProperties.defaults()).sweep()).isEqualTo(1);
    assertThat(ninetyMinutes).doesNotExist();
  }

  private SpoolSweep sweep(RenderProperties render) {
    WorkerStorageProperties properties =
        new WorkerStorageProperties("thumbnails", spool, null, null);
    return new SpoolSweep(
        scheduler, properties, new RenderPipeline(render, NativeCodecs.none()), Clock.systemUTC());
  }

  private Path file(String name, Duration age) throws IOException {
    return AgedFiles.written(spool.resolve(name), "bytes of an original", now.minus(age));
  }
}
