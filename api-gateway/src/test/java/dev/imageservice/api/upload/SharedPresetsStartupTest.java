package dev.imageservice.api.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.api.preset.TenantPresetBeans;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.preset.ImagingProperties;
import dev.imageservice.common.testing.TestDatabase;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The API takes its presets and its size ceiling from the definition the worker renders from, and
 * refuses to start when its own upload limit would let through what the worker refuses.
 */
class SharedPresetsStartupTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({UploadProperties.class, ImagingProperties.class})
  @Import({UploadLimitsCheck.class, PresetSelection.class, TenantPresetBeans.class})
  static class Upload {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Upload.class)
          // Tenant overrides live in PostgreSQL: the real (embedded) one, empty here.
          .withBean(Jdbi.class, TestDatabase::jdbi)
          .withBean(Clock.class, Clock::systemUTC);

  @Test
  void anUploadLimitAboveTheRenderLimitCannotStart() {
    runner
        .withPropertyValues(
            "image-service.upload.max-size=100MB", "image-service.limits.max-bytes=50MB")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "image-service.upload.max-size (104857600 bytes) is above"
                            + " image-service.limits.max-bytes (52428800 bytes)"));
  }

  @Test
  void anUploadLimitAtOrBelowTheRenderLimitStarts() {
    runner
        .withPropertyValues(
            "image-service.upload.max-size=20MB", "image-service.limits.max-bytes=20MB")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void theApiAcceptsExactlyThePresetsTheWorkerIsGiven() {
    runner
        .withPropertyValues(
            "image-service.presets[0].name=hero",
            "image-service.presets[0].width=2048",
            "image-service.presets[0].height=1024")
        .run(
            context -> {
              PresetSelection selection = context.getBean(PresetSelection.class);
              assertThat(selection.select(null)).containsExactly("hero");
              assertThat(selection.select("hero")).containsExactly("hero");
              // The defaults are replaced, not added to: the worker would not render them.
              assertThatThrownBy(() -> selection.select("small"))
                  .isInstanceOf(ProblemException.class)
                  .hasMessageContaining("known presets are [hero]");
            });
  }
}
