package dev.imageservice.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Output formats travel in the events as additive fields: events written before them still read,
 * with no extra format and every thumbnail its preset's own.
 */
class FormatsOnTheWireTest {

  private static final UUID JOB = UUID.fromString("6c1f3a52-5f1e-4c2b-9f51-0a3f3c1d2e4b");

  @Test
  void imageUploadedCarriesTheFormats() {
    ImageUploaded sent =
        new ImageUploaded(
            UUID.randomUUID(),
            ImageUploaded.TYPE,
            1,
            Instant.parse("2026-12-01T00:00:00Z"),
            JOB,
            "t",
            "images",
            "t/k",
            "image/jpeg",
            10,
            List.of("small"),
            List.of("webp", "avif"),
            List.of());

    ImageUploaded read = EventJson.read(EventJson.write(sent), ImageUploaded.class);

    assertThat(read).isEqualTo(sent);
    assertThat(read.formats()).containsExactly("webp", "avif");
  }

  @Test
  void anImageUploadedWithoutFormatsAsksForNone() {
    String old =
        """
        {"eventId":"%s","type":"image.uploaded","version":1,"occurredAt":"2026-01-01T00:00:00Z",
         "jobId":"%s","tenantId":"t","bucket":"images","key":"t/k","contentType":"image/jpeg",
         "bytes":1,"presets":["small"]}
        """
            .formatted(UUID.randomUUID(), JOB);

    assertThat(EventJson.read(old, ImageUploaded.class).formats()).isEmpty();
  }

  @Test
  void aThumbnailWithoutTheAlternateFlagIsThePresetsOwn() {
    String old =
        """
        {"eventId":"%s","type":"thumbnails.generated","version":1,
         "occurredAt":"2026-01-01T00:00:00Z","jobId":"%s","tenantId":"t",
         "thumbnails":[{"preset":"small","bucket":"b","key":"k.jpg","width":2,"height":1,
                        "contentType":"image/jpeg","bytes":5}]}
        """
            .formatted(UUID.randomUUID(), JOB);

    ThumbnailsGenerated read = EventJson.read(old, ThumbnailsGenerated.class);

    assertThat(read.thumbnails().getFirst().alternate()).isFalse();
  }

  @Test
  void extraRenditionsAreMarked() {
    ThumbnailsGenerated sent =
        ThumbnailsGenerated.of(
            JOB,
            "t",
            List.of(
                new ThumbnailRef("small", "b", "k.jpg", 2, 1, "image/jpeg", 5),
                new ThumbnailRef("small", "b", "k.avif", 2, 1, "image/avif", 3, true)),
            Instant.parse("2026-12-01T00:00:00Z"));

    ThumbnailsGenerated read = EventJson.read(EventJson.write(sent), ThumbnailsGenerated.class);

    assertThat(read.thumbnails()).extracting(ThumbnailRef::alternate).containsExactly(false, true);
  }
}
