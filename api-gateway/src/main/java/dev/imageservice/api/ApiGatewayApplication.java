package dev.imageservice.api;

import dev.imageservice.common.config.SharedInfrastructureConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The upload API: accepts images, records jobs, answers their status. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SharedInfrastructureConfiguration.class)
@EnableScheduling
public class ApiGatewayApplication {

  /**
   * The service's own configuration file is {@code api-gateway.yml}, not {@code application.yml},
   * so that the api-gateway and a worker can share one classpath (the local embedded default)
   * without reading each other's settings.
   */
  public static SpringApplication application() {
    SpringApplication app = new SpringApplication(ApiGatewayApplication.class);
    app.setDefaultProperties(Map.of("spring.config.name", "api-gateway"));
    return app;
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
