package dev.imageservice.worker.messaging;

import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.errorhandler.AsyncErrorHandler;
import io.awspring.cloud.sqs.listener.errorhandler.ExponentialBackoffErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tunes the listener containers spring-cloud-aws auto-configures: failed messages come back after
 * growing visibility timeouts (set by the error handler, never by sleeping in a listener thread),
 * and shutdown waits a bounded time for running messages.
 */
@Configuration(proxyBeanMethods = false)
class ListenerConfig {

  /**
   * Picked up by the auto-configured container factory. It changes the failed message's visibility
   * from its {@code ApproximateReceiveCount}, then lets the failure stand: the message stays
   * unacknowledged and comes back when the timeout ends, or goes to the DLQ after {@code
   * maxReceiveCount}.
   */
  @Bean
  AsyncErrorHandler<Object> redeliveryBackoff(WorkerQueueProperties properties) {
    WorkerQueueProperties.Redelivery redelivery = properties.redelivery();
    return ExponentialBackoffErrorHandler.<Object>builder()
        .initialVisibilityTimeoutSeconds(seconds(redelivery.initialDelay()))
        .multiplier(redelivery.multiplier())
        .maxVisibilityTimeoutSeconds(seconds(redelivery.maxDelay()))
        .build();
  }

  // Static, and the properties resolved late, so that this post-processor does not pull beans
  // into existence before every post-processor is registered.
  @Bean
  static BeanPostProcessor listenerShutdownTimeout(ObjectProvider<WorkerQueueProperties> props) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SqsMessageListenerContainerFactory<?> factory) {
          factory.configure(
              options -> options.listenerShutdownTimeout(props.getObject().shutdownTimeout()));
        }
        return bean;
      }
    };
  }

  private static int seconds(java.time.Duration duration) {
    return (int) Math.max(1, duration.toSeconds());
  }
}
