package dev.imageservice.worker.storage;

import dev.imageservice.common.config.EventPublishingProperties;
import dev.imageservice.common.config.ResilienceProperties;
import dev.imageservice.common.resilience.DependencyGuard;
import dev.imageservice.common.resilience.GuardConfiguration;
import dev.imageservice.common.trace.TraceContexts;
import dev.imageservice.localinfra.LocalInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.sns.SnsClient;

/** The services' own retry and circuit breaker around S3 (GuardConfiguration), nothing stubbed. */
final class GuardedS3 {

  private GuardedS3() {}

  static ApplicationContextRunner guarded() {
    return new ApplicationContextRunner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(
            ResilienceProperties.class, () -> new ResilienceProperties(0, null, 0, 0, 0, null, 0))
        .withBean(
            EventPublishingProperties.class,
            () ->
                new EventPublishingProperties(
                    "arn:aws:sns:us-east-1:000000000000:unused", null, null, 0, null, null, null))
        .withBean(
            SnsClient.class,
            () -> LocalInfrastructure.client(SnsClient.builder(), URI.create("http://127.0.0.1:9")))
        // Tracing off: the guarded SNS publisher takes the trace contexts since issue 17.
        .withBean(TraceContexts.class, () -> TraceContexts.NONE)
        .withUserConfiguration(GuardConfiguration.class);
  }

  static DependencyGuard s3Guard(ConfigurableApplicationContext context) {
    return BeanFactoryAnnotationUtils.qualifiedBeanOfType(
        context.getBeanFactory(), DependencyGuard.class, DependencyGuard.S3);
  }
}
