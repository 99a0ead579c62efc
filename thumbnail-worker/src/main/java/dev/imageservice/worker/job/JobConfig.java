package dev.imageservice.worker.job;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The render memory budget and the render slots, sized from {@link JobProperties}. */
@Configuration(proxyBeanMethods = false)
class JobConfig {

  @Bean
  RenderMemoryBudget renderMemoryBudget(JobProperties properties) {
    return new RenderMemoryBudget(properties.renderMemory().toBytes());
  }

  @Bean
  RenderSlots renderSlots(JobProperties properties) {
    return new RenderSlots(properties.renderThreads());
  }
}
