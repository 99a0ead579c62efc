package dev.imageservice.worker.render;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Runs {@link RenderWarmUp} once the application's singletons exist and before lifecycle beans
 * start, so before the SQS listener takes its first message. Off with {@code
 * image-service.render.warm-up=false}. Runs once, on the starting thread.
 */
@Component
class RenderWarmUpOnStart implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(RenderWarmUpOnStart.class);

  private final ObjectProvider<RenderPipeline> pipeline;

  private final RenderProperties properties;

  RenderWarmUpOnStart(ObjectProvider<RenderPipeline> pipeline, RenderProperties properties) {
    this.pipeline = pipeline;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!properties.warmUp()) {
      return;
    }
    RenderPipeline renderer = pipeline.getIfAvailable();
    if (renderer != null) {
      LOG.info("renderer warmed up in {} ms", RenderWarmUp.run(renderer).toMillis());
    }
  }
}
