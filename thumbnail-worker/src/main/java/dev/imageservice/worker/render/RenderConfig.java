package dev.imageservice.worker.render;

import dev.imageservice.common.preset.ImagingProperties;
import dev.imageservice.worker.render.codec.NativeCodecs;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The render pipeline, built from its typed configuration. Here rather than in {@code system}: a
 * bean method there made {@code system} depend on {@code render}, which already depends on {@code
 * system} for {@code WorkerException}, a package cycle.
 */
@Configuration(proxyBeanMethods = false)
class RenderConfig {

  @Bean
  RenderPipeline renderPipeline(RenderProperties properties, ImagingProperties shared) {
    RenderProperties settings = properties.with(shared);
    // image-service.render.native=false (YAML, environment or JVM property: Spring reads them all)
    return settings.nativeCodecs()
        ? new RenderPipeline(settings)
        : new RenderPipeline(settings, NativeCodecs.none());
  }

  /**
   * {@code /actuator/info} lists the native codecs and whether each is on ({@code
   * renderer.codecs}), so an operator sees why renders are slow or HEIC fails without reading logs.
   */
  @Bean
  InfoContributor rendererCodecsInfo(RenderProperties properties) {
    NativeCodecs codecs = properties.nativeCodecs() ? NativeCodecs.detected() : NativeCodecs.none();
    return builder ->
        builder.withDetail(
            "renderer",
            java.util.Map.of(
                "codecs",
                codecs.status(),
                "heifInput",
                codecs.heif(),
                "native",
                codecs != NativeCodecs.none()));
  }
}
