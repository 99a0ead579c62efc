package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An API and a worker configured apart (the API defines a preset {@code hero} the worker does not):
 * the job fails {@code unknown_preset} on its first delivery, instead of five redeliveries and
 * {@code retries_exhausted}. (With the shared {@code image-service.presets} this takes two
 * configurations that differ on purpose.)
 */
class UnknownPresetIT {

  private static final String KEY = "unknown-preset-key-0123456789";

  private static LocalSystem system;
  private static JobLedger ledger;
  private static ApiUploads uploads;

  @BeforeAll
  static void startSystem() {
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of(
                "server.port", 0,
                "image-service.auth.keys", "presets:" + KEY,
                "image-service.presets[0].name", "hero",
                "image-service.presets[0].width", 64,
                "image-service.presets[0].height", 64),
            Map.of("server.port", 0, "spring.cloud.aws.sqs.listener.poll-timeout", "1s"));
    ledger = new JobLedger(system.endpoints());
    uploads = new ApiUploads(system.apiPort(), KEY);
  }

  @AfterAll
  static void stopSystem() {
    system.close();
  }

  @Test
  void aPresetTheWorkerDoesNotDefineFailsTheJobOnItsFirstDelivery() {
    UUID job = uploads.upload(UploadToThumbnailsIT.corpus("S02_orientation_1.jpg"));

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ledger.status(job).equals("FAILED"));
    assertThat(ledger.errorCode(job)).isEqualTo("unknown_preset");
    assertThat(ledger.attempts(job)).isEqualTo(1);
    assertThat(ledger.thumbnailRows(job)).isZero();
  }
}
