package dev.imageservice.local;

import dev.imageservice.api.ApiGatewayApplication;
import dev.imageservice.localinfra.LocalEndpoints;
import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import dev.imageservice.worker.ThumbnailWorkerApplication;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The whole system in one JVM: the embedded infrastructure, the api-gateway and a worker, wired by
 * configuration alone, exactly as they would be wired to AWS. Used by the local run and by the
 * end-to-end tests. The worker can be stopped and started again (fault tests). Closing it stops the
 * worker, then the API, then the servers. Not thread-safe.
 */
public final class LocalSystem implements AutoCloseable {

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final LocalInfrastructure infrastructure;
  private final ConfigurableApplicationContext api;
  private final Map<String, Object> workerProperties;
  private @Nullable ConfigurableApplicationContext worker;
  private volatile int apiManagementPort = -1;
  private final Consumer<SpringApplication> customizer;

  private LocalSystem(
      LocalInfrastructureSettings settings,
      Map<String, Object> apiProperties,
      Map<String, Object> workerProperties,
      Consumer<SpringApplication> customizer) {
    this.workerProperties = Map.copyOf(workerProperties);
    this.customizer = customizer;
    infrastructure = LocalInfrastructure.start(settings);
    running.push(infrastructure);
    try {
      SpringApplication apiApplication = ApiGatewayApplication.application();
      customizer.accept(apiApplication);
      // The management server (actuator) is a child context; its port is known once it started.
      apiApplication.addListeners(
          (ApplicationListener<WebServerInitializedEvent>)
              event -> {
                if ("management".equals(event.getApplicationContext().getServerNamespace())) {
                  apiManagementPort = event.getWebServer().getPort();
                }
              });
      api = startService(apiApplication, merged(apiDefaults(apiProperties)));
      running.push(api);
      startWorker(Map.of());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts everything; the property maps override each service's own defaults (and the endpoints of
   * the embedded servers), e.g. {@code server.port} or {@code image-service.auth.keys}.
   */
  public static LocalSystem start(
      LocalInfrastructureSettings settings,
      Map<String, Object> apiProperties,
      Map<String, Object> workerProperties) {
    return new LocalSystem(settings, apiProperties, workerProperties, app -> {});
  }

  /**
   * {@link #start(LocalInfrastructureSettings, Map, Map)}, with {@code customizer} applied to the
   * API's and every worker's {@link SpringApplication} before it runs (tests add configuration
   * classes, e.g. an in-memory span exporter, this way).
   */
  public static LocalSystem start(
      LocalInfrastructureSettings settings,
      Map<String, Object> apiProperties,
      Map<String, Object> workerProperties,
      Consumer<SpringApplication> customizer) {
    return new LocalSystem(settings, apiProperties, workerProperties, customizer);
  }

  public LocalEndpoints endpoints() {
    return infrastructure.endpoints();
  }

  public LocalInfrastructure infrastructure() {
    return infrastructure;
  }

  /**
   * The running worker's context (its beans, e.g. the meter registry).
   *
   * @throws IllegalStateException when the worker is stopped
   */
  public ConfigurableApplicationContext worker() {
    if (worker == null) {
      throw new IllegalStateException("the worker is stopped");
    }
    return worker;
  }

  public boolean workerRunning() {
    return worker != null;
  }

  /** Stops the worker gracefully (it finishes or abandons its messages); no-op if stopped. */
  public void stopWorker() {
    if (worker != null) {
      try {
        worker.close();
      } finally {
        worker = null;
      }
    }
  }

  /**
   * Starts a worker, replacing a running one, with the properties given at start plus {@code
   * overrides}.
   */
  public ConfigurableApplicationContext startWorker(Map<String, Object> overrides) {
    stopWorker();
    Map<String, Object> properties = merged(workerProperties);
    properties.putAll(overrides);
    SpringApplication workerApplication = ThumbnailWorkerApplication.application();
    customizer.accept(workerApplication);
    worker = startService(workerApplication, properties);
    return worker;
  }

  /** The API's management port: actuator ({@code /actuator/prometheus}, health details). */
  public int apiManagementPort() {
    if (apiManagementPort < 0) {
      throw new IllegalStateException("the api-gateway's management server has not started");
    }
    return apiManagementPort;
  }

  public int apiPort() {
    var server = ((WebServerApplicationContext) api).getWebServer();
    if (server == null) {
      throw new IllegalStateException("the api-gateway has no web server");
    }
    return server.getPort();
  }

  /**
   * Starts one Spring Boot service with the given properties ahead of its own configuration files.
   * The caller owns the context and closes it (no JVM shutdown hook is registered).
   */
  public static ConfigurableApplicationContext startService(
      SpringApplication app, Map<String, Object> properties) {
    app.setRegisterShutdownHook(false);
    app.addInitializers(
        context ->
            context
                .getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("local-embedded", properties)));
    return app.run();
  }

  /**
   * What a local API has that a deployed one has not: the OpenAPI document and Swagger UI, and a
   * free management port unless one is given (the worker may hold the default one).
   */
  private static Map<String, Object> apiDefaults(Map<String, Object> apiProperties) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("springdoc.api-docs.enabled", true);
    properties.put("springdoc.swagger-ui.enabled", true);
    properties.put("management.server.port", 0);
    // One developer and the benchmarks, not the internet: limits that only stop a runaway loop.
    properties.put("image-service.rate-limit.tenant-requests.burst", 2000);
    properties.put("image-service.rate-limit.tenant-requests.per-second", 1000);
    // Webhook receivers on this machine (http://127.0.0.1, http://localhost): local runs only.
    properties.put("image-service.webhooks.allow-local-receivers", true);
    properties.put("image-service.quota.uploads-per-minute", 60_000);
    properties.putAll(apiProperties);
    return properties;
  }

  private Map<String, Object> merged(Map<String, Object> overrides) {
    Map<String, Object> properties = new HashMap<>(infrastructure.endpoints().springProperties());
    properties.putAll(overrides);
    return properties;
  }

  @Override
  public void close() {
    try {
      stopWorker();
    } catch (RuntimeException e) {
      System.err.println("stopping the worker: " + e);
    }
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        // Keep stopping the rest: a half-stopped system holds ports and threads.
        System.err.println("stopping: " + e);
      }
    }
  }
}
