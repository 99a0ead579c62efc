package dev.imageservice.common.config;

import dev.imageservice.common.apikey.ApiKeyRepository;
import dev.imageservice.common.db.JdbiFactory;
import dev.imageservice.common.job.JobLifecycle;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.outbox.EventPublisher;
import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import dev.imageservice.common.preset.ImagingProperties;
import dev.imageservice.common.preset.MovedKeysCheck;
import dev.imageservice.common.resilience.GuardConfiguration;
import dev.imageservice.common.telemetry.JobTelemetryRepository;
import dev.imageservice.common.trace.MicrometerTraceContexts;
import dev.imageservice.common.trace.TraceContexts;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * What both services share: Jdbi over the pooled DataSource, the repositories, the job lifecycle,
 * the presets and limits ({@link ImagingProperties}), the SNS client and the outbox relay that runs
 * while the application runs. Imported by each service's application.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  EventPublishingProperties.class,
  ResilienceProperties.class,
  ImagingProperties.class
})
@Import({GuardConfiguration.class, MovedKeysCheck.class})
public class SharedInfrastructureConfiguration {

  @Bean
  Jdbi jdbi(DataSource dataSource) {
    return JdbiFactory.create(dataSource);
  }

  @Bean
  JobRepository jobRepository() {
    return new JobRepository();
  }

  @Bean
  JobLifecycle jobLifecycle(
      Jdbi jdbi,
      JobRepository jobs,
      OutboxRepository outbox,
      OutboxRelay relay,
      Clock clock,
      JobTelemetryRepository telemetry,
      TraceContexts traces) {
    return new JobLifecycle(jdbi, jobs, outbox, relay, clock, telemetry, traces);
  }

  @Bean
  OutboxRepository outboxRepository(TraceContexts traces) {
    return new OutboxRepository(traces);
  }

  @Bean
  JobTelemetryRepository jobTelemetryRepository() {
    return new JobTelemetryRepository();
  }

  /**
   * The trace context over Micrometer Tracing when the application has a tracer (both services do,
   * through the OpenTelemetry bridge), else none.
   */
  @Bean
  TraceContexts traceContexts(
      ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    Tracer t = tracer.getIfAvailable();
    Propagator p = propagator.getIfAvailable();
    return t == null || p == null ? TraceContexts.NONE : new MicrometerTraceContexts(t, p);
  }

  @Bean
  ApiKeyRepository apiKeyRepository() {
    return new ApiKeyRepository();
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  SnsClient snsClient(
      EventPublishingProperties properties,
      AwsCredentialsProvider credentials,
      AwsRegionProvider region) {
    // Every publish goes through the sns guard's retry (GuardConfiguration): the SDK's own retries
    // are off so that there is one retry layer, not two stacked (3 x 3 calls per failure).
    SnsClientBuilder builder =
        SnsClient.builder()
            .credentialsProvider(credentials)
            .region(region.getRegion())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (properties.snsEndpoint() != null) {
      builder.endpointOverride(properties.snsEndpoint());
    }
    return builder.build();
  }

  /** The relay publishes to SNS behind the {@code sns} guard ({@link GuardConfiguration}). */
  @Bean
  OutboxRelay outboxRelay(
      Jdbi jdbi,
      OutboxRepository outbox,
      EventPublishingProperties properties,
      Clock clock,
      EventPublisher publisher) {
    return new OutboxRelay(jdbi, outbox, publisher, properties.relaySettings(), clock);
  }

  /** Runs the relay while the application runs; stops it before the connection pool closes. */
  @Bean
  SmartLifecycle outboxRelayLifecycle(OutboxRelay relay) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        relay.start();
        running = true;
      }

      @Override
      public void stop() {
        relay.close();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }
}
