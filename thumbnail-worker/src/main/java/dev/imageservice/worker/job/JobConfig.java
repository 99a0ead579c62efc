package dev.imageservice.worker.job;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The render memory budget, sized from {@link JobProperties}. */
@Configuration(proxyBeanMethods = false)
class JobConfig {

  @Bean
  RenderMemoryBudget renderMemoryBudget(JobProperties properties) {
    return new RenderMemoryBudget(properties.renderMemory().toBytes());
  }
}
