package dev.imageservice.worker.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The worker reads {@code IMAGE_SERVICE_LOG_FORMAT} as the API does: the variable becomes Spring
 * Boot's {@code logging.structured.format.console}, and without it logs stay text (outside
 * Kubernetes) or ECS JSON (in Kubernetes, the second document of thumbnail-worker.yml).
 */
class LogFormatConfigurationTest {

  private static final String KEY = "logging.structured.format.console";

  @Test
  void theEnvironmentVariableChoosesTheConsoleFormat() throws IOException {
    List<PropertySource<?>> documents = documents();

    assertThat(resolve(documents.get(0), Map.of("IMAGE_SERVICE_LOG_FORMAT", "logstash")))
        .isEqualTo("logstash");
    assertThat(resolve(documents.get(0), Map.of())).isEmpty();
  }

  @Test
  void kubernetesDefaultsToEcsJsonUnlessTheVariableSaysOtherwise() throws IOException {
    PropertySource<?> kubernetes =
        documents().stream()
            .filter(
                d -> "kubernetes".equals(d.getProperty("spring.config.activate.on-cloud-platform")))
            .findFirst()
            .orElseThrow();

    assertThat(resolve(kubernetes, Map.of())).isEqualTo("ecs");
    assertThat(resolve(kubernetes, Map.of("IMAGE_SERVICE_LOG_FORMAT", "gelf"))).isEqualTo("gelf");
  }

  private static List<PropertySource<?>> documents() throws IOException {
    return new YamlPropertySourceLoader()
        .load("thumbnail-worker.yml", new ClassPathResource("thumbnail-worker.yml"));
  }

  private static String resolve(PropertySource<?> document, Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
    environment.getPropertySources().addLast(document);
    return environment.getProperty(KEY);
  }
}
