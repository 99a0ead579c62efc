package dev.imageservice.worker.system;

import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The render pipeline, built from its typed configuration. */
@Configuration(proxyBeanMethods = false)
class RenderConfig {

  @Bean
  RenderPipeline renderPipeline(RenderProperties properties) {
    return new RenderPipeline(properties);
  }
}
