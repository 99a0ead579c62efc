package dev.imageservice.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.job.Job;
import dev.imageservice.common.preset.PresetFit;
import dev.imageservice.common.preset.PresetFormat;
import dev.imageservice.common.preset.PresetSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code presetDefinitions} is additive: new events carry it, old ones still read. */
class ImageUploadedDefinitionsTest {

  @Test
  void theDefinitionsTravelWithTheEvent() {
    PresetSnapshot avatar =
        new PresetSnapshot("avatar", 128, 96, PresetFit.SMART, PresetFormat.PNG, 70, 3);
    ImageUploaded event =
        ImageUploaded.announcing(
            UUID.randomUUID(),
            "tenant",
            new Job.Original("images", "k", "image/jpeg", 10, null, null),
            List.of("avatar"),
            List.of(avatar),
            Instant.now());

    ImageUploaded read = EventJson.read(EventJson.write(event), ImageUploaded.class);

    assertThat(read.presetDefinitions()).containsExactly(avatar);
  }

  @Test
  void anEventFromBeforeDefinitionsReadsWithNone() {
    String old =
        """
        {"eventId":"6b1b8f6e-8f8e-4a57-9a43-0c3f4d7f8a11","type":"image.uploaded","version":1,
         "occurredAt":"2026-11-26T12:44:21Z","jobId":"0d6f8f6e-8f8e-4a57-9a43-0c3f4d7f8a11",
         "tenantId":"t","bucket":"images","key":"k","contentType":"image/jpeg","bytes":10,
         "presets":["small"]}""";

    ImageUploaded read = EventJson.read(old, ImageUploaded.class);

    assertThat(read.presets()).containsExactly("small");
    assertThat(read.presetDefinitions()).isEmpty();
  }
}
