package dev.imageservice.worker.render;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs {@link RenderWarmUp} once the application's singletons exist and before lifecycle beans
 * start, so before the SQS listener takes its first message. Off with {@code
 * image-service.render.warm-up=false}. Runs once, on the starting thread.
 */
@Component
@ConditionalOnProperty(
    name = "image-service.render.warm-up",
    havingValue = "true",
    matchIfMissing = true)
class RenderWarmUpOnStart implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(RenderWarmUpOnStart.class);

  private final ObjectProvider<RenderPipeline> pipeline;

  RenderWarmUpOnStart(ObjectProvider<RenderPipeline> pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public void afterSingletonsInstantiated() {
    RenderPipeline renderer = pipeline.getIfAvailable();
    if (renderer != null) {
      LOG.info("renderer warmed up in {} ms", RenderWarmUp.run(renderer).toMillis());
    }
  }
}
