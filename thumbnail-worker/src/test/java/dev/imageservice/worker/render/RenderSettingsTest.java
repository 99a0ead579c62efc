package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.preset.ImagingProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The worker's renderer is built from the shared preset definition (the one the API accepts names
 * from) and from render settings that YAML really sets.
 */
class RenderSettingsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({RenderProperties.class, ImagingProperties.class})
  @Import(RenderConfig.class)
  static class Render {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Render.class);

  @Test
  void nativeWarmUpAndNativeHeapAreReadFromConfiguration() {
    runner
        .withPropertyValues(
            "image-service.render.native=false",
            "image-service.render.warm-up=no",
            "image-service.render.native-heap=false")
        .run(
            context -> {
              RenderProperties render = context.getBean(RenderProperties.class);
              assertThat(render.nativeCodecs()).isFalse();
              assertThat(render.warmUp()).isFalse();
              assertThat(render.nativeHeap()).isFalse();
            });
    runner.run(
        context -> {
          RenderProperties render = context.getBean(RenderProperties.class);
          assertThat(render.nativeCodecs()).isTrue();
          assertThat(render.warmUp()).isTrue();
          assertThat(render.nativeHeap()).isTrue();
          assertThat(RenderProperties.defaults().nativeHeap()).isTrue();
        });
  }

  @Test
  void theWorkerRendersTheSharedPresetsAndFailsAnUnknownOneForGood() {
    runner
        .withPropertyValues(
            "image-service.presets[0].name=hero",
            "image-service.presets[0].width=2048",
            "image-service.presets[0].height=1024",
            "image-service.presets[0].quality=70",
            "image-service.limits.max-bytes=10MB")
        .run(
            context -> {
              RenderPipeline pipeline = context.getBean(RenderPipeline.class);
              assertThat(pipeline.presetsNamed(List.of("hero")))
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.width()).isEqualTo(2048);
                        assertThat(p.quality()).isEqualTo(70);
                      });
              assertThatThrownBy(() -> pipeline.presetsNamed(List.of("small")))
                  .isInstanceOfSatisfying(
                      ImageRejectedException.class,
                      e -> {
                        assertThat(e.code()).isEqualTo(FailureCode.UNKNOWN_PRESET);
                        assertThat(e.retryable()).isFalse();
                      })
                  .hasMessageContaining("no preset [small]");
            });
  }
}
