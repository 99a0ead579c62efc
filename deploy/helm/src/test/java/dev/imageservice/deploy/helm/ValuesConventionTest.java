package dev.imageservice.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each environment's values name the AWS resources that deploy/infra creates for that environment
 * (its naming: {@code images-bucket-<env>}, {@code thumbnail-requests-<env>}, IRSA roles {@code
 * image-service-<env>-api} ...), so that a values file cannot point one environment at another's.
 */
class ValuesConventionTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void valuesNameTheirEnvironmentsResources(String env) throws Exception {
    String values = Files.readString(RenderedChart.chartDir().resolve("values-" + env + ".yaml"));
    assertThat(values)
        .contains("environment: " + env)
        .contains("imagesBucket: images-bucket-" + env)
        .contains("thumbnailsBucket: thumbnails-bucket-" + env)
        .contains("queue: thumbnail-requests-" + env)
        .contains("deadLetterQueue: thumbnail-requests-dlq-" + env)
        .contains(":image-events-" + env)
        .contains("role/image-service-" + env + "-api")
        .contains("role/image-service-" + env + "-worker")
        .contains("role/image-service-" + env + "-queue-scaler")
        .contains("image-service/" + env + "/db");
    String others = env.equals("prod") ? "staging" : "prod";
    assertThat(values).doesNotContain("-" + others + "\n", "-" + others + "-");
  }
}
