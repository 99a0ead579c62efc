package dev.imageservice.worker;

import dev.imageservice.common.config.SharedInfrastructureConfiguration;
import dev.imageservice.worker.render.RenderCommand;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The thumbnail worker: consumes {@code ImageUploaded} from SQS and renders thumbnails. Started
 * with {@code render ...} as its first argument it is instead the command-line renderer, which runs
 * the production pipeline on local files without any infrastructure.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SharedInfrastructureConfiguration.class)
public class ThumbnailWorkerApplication {

  /**
   * The worker's own configuration file is {@code thumbnail-worker.yml}, so that it can share a
   * classpath with the api-gateway (the local embedded default) without reading its settings.
   */
  public static SpringApplication application() {
    SpringApplication app = new SpringApplication(ThumbnailWorkerApplication.class);
    app.setDefaultProperties(Map.of("spring.config.name", "thumbnail-worker"));
    return app;
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("render")) {
      System.exit(RenderCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    application().run(args);
  }
}
