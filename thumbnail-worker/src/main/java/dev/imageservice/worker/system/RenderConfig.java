package dev.imageservice.worker.system;

import dev.imageservice.common.preset.ImagingProperties;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.codec.NativeCodecs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The render pipeline, built from its typed configuration. */
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
}
