package dev.imageservice.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

class WorkerClientsTest {

  // bench sdk-floor mirrors the worker's client settings: it must follow when the worker's change.
  @Test
  void theBenchsClientsHaveTheWorkersSettings() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("thumbnail-worker.yml"));
    Properties worker = yaml.getObject();

    assertThat(worker).isNotNull();
    assertThat(worker.get("spring.cloud.aws.s3.chunked-encoding-enabled"))
        .isEqualTo(WorkerClients.CHUNKED_ENCODING);
    assertThat(worker.get("spring.datasource.hikari.connection-timeout"))
        .isEqualTo((int) WorkerClients.CONNECTION_TIMEOUT_MILLIS);
    assertThat(worker.get("spring.datasource.hikari.validation-timeout"))
        .isEqualTo((int) WorkerClients.VALIDATION_TIMEOUT_MILLIS);
  }
}
