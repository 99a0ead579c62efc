package dev.imageservice.worker.render;

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
  RenderPipeline renderPipeline(RenderProperties properties) {
    return new RenderPipeline(properties);
  }
}
