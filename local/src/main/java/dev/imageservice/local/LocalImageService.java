package dev.imageservice.local;

import dev.imageservice.localinfra.LocalEndpoints;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import dev.imageservice.worker.ThumbnailWorkerApplication;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local embedded default: one command starts PostgreSQL, S3Proxy, ElasticMQ and the local SNS
 * endpoint (data kept under {@code .local/}), then the api-gateway on port 8080 and a worker. With
 * the argument {@code worker} it instead starts one more worker process that joins the system
 * already running from this folder. Ctrl-C stops everything in order.
 */
public final class LocalImageService {

  private static final Logger log = LoggerFactory.getLogger(LocalImageService.class);

  private LocalImageService() {}

  public static void main(String[] args) throws Exception {
    LocalSettings settings = LocalSettings.fromEnvironment(System.getenv());
    AtomicReference<AutoCloseable> running = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running.get()), "local-shutdown"));
    try {
      if (args.length > 0 && args[0].equals("bench")) {
        dev.imageservice.local.bench.Benchmarks.main(
            java.util.Arrays.copyOfRange(args, 1, args.length));
        System.exit(0);
      } else if (args.length > 0 && args[0].equals("worker")) {
        running.set(startExtraWorker(settings));
      } else {
        running.set(startAll(settings));
      }
    } catch (RuntimeException e) {
      log.error("image-service failed to start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  private static LocalSystem startAll(LocalSettings settings) {
    long started = System.nanoTime();
    ApiKeys keys = ApiKeys.resolve(settings);
    String spool = settings.dataDirectory().resolve("spool").toString();
    Map<String, Object> api = new HashMap<>(keys.springProperties());
    api.put("server.port", settings.apiPort());
    api.put("management.server.port", settings.apiManagementPort());
    api.put("image-service.upload.spool-directory", spool);
    Map<String, Object> worker = new HashMap<>();
    worker.put("server.port", settings.workerPort());
    worker.put("image-service.storage.spool-directory", spool);
    LocalSystem system =
        LocalSystem.start(
            LocalInfrastructureSettings.persistent(settings.dataDirectory()), api, worker);
    system.endpoints().writeTo(settings.endpointsFile());
    log.info(
        "image-service ready in {} ms: API http://localhost:{} (API key: {}); API metrics"
            + " http://localhost:{}/actuator/prometheus; data in {}",
        (System.nanoTime() - started) / 1_000_000,
        system.apiPort(),
        keys.describe(),
        system.apiManagementPort(),
        settings.dataDirectory().toAbsolutePath());
    return system;
  }

  private static AutoCloseable startExtraWorker(LocalSettings settings) {
    if (!Files.exists(settings.endpointsFile())) {
      throw new IllegalStateException(
          "no running image-service found ("
              + settings.endpointsFile()
              + " is missing): start it first");
    }
    LocalEndpoints endpoints = LocalEndpoints.readFrom(settings.endpointsFile());
    Map<String, Object> properties = new HashMap<>(endpoints.springProperties());
    properties.put("server.port", 0);
    // The first process already migrated the schema.
    properties.put("spring.flyway.enabled", false);
    properties.put(
        "image-service.storage.spool-directory",
        settings.dataDirectory().resolve("spool").toString());
    AutoCloseable worker =
        LocalSystem.startService(ThumbnailWorkerApplication.application(), properties);
    log.info(
        "extra thumbnail-worker ready (pid {}), consuming {}",
        ProcessHandle.current().pid(),
        endpoints.queueName());
    return worker;
  }

  private static void stop(AutoCloseable running) {
    if (running == null) {
      return;
    }
    try {
      running.close();
    } catch (Exception e) {
      log.warn("stopping: {}", e.toString());
    }
  }
}
