package dev.imageservice.deploy.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The values generated from a stack's outputs: every output the generator reads exists in the
 * synthesised template, and {@code helm template} with the environment's sizing file plus the
 * generated file passes the chart's schema and renders the generated names (not the invented ids).
 */
class ValuesFromOutputsTest {

  static List<EnvironmentSettings> environments() {
    return EnvironmentSettings.all();
  }

  @ParameterizedTest
  @MethodSource("environments")
  void everyOutputTheValuesNeedIsInTheTemplate(EnvironmentSettings env) {
    assertThat(SynthesizedApp.template(env.name()).findOutputs("*").keySet())
        .containsAll(ValuesFromOutputs.REQUIRED);
  }

  @ParameterizedTest
  @MethodSource("environments")
  void generatedValuesPassTheChartSchemaAndHelmTemplate(EnvironmentSettings env) throws Exception {
    String account = env.site().account();
    String registry = account + ".dkr.ecr.eu-west-1.amazonaws.com";
    Map<String, Object> values =
        ValuesFromOutputs.values(env, outputsAsDeployed(env, account), registry);
    Path dir = Path.of("target/generated-values");
    Files.createDirectories(dir);
    Path generated = dir.resolve("values-" + env.name() + ".generated.yaml");
    ValuesFromOutputs.write(values, generated);

    Path chart = SdkCalls.repository().resolve("deploy/helm/image-service");
    String rendered =
        new Helm(chart)
            .template()
            .withName("image-service")
            .withNamespace(EnvironmentSettings.NAMESPACE)
            .withKubeVersion("1.33.0")
            .withValuesFile(chart.resolve("values-" + env.name() + ".yaml"))
            .withValuesFile(generated)
            .set("ingress.originVerify.value", "testOriginVerifyValue0123456789abcdef")
            .call();

    assertThat(rendered)
        .contains("imageservice-" + env.name() + "-storageimages0a1b2c3d-4e5f6a7b8c9d")
        .contains(registry + "/")
        .contains("origin." + env.site().domain())
        .contains("cloudfront-distribution-id: E2QWRUHAPOMQZL")
        .contains("queue: webhook-events-" + env.name())
        .contains("queue: upload-events-" + env.name())
        .contains("image-service/" + env.name() + "/webhook-secret-key")
        .contains("certificate/6f1d2b7a-0000-4c1e-9d1b-" + account)
        .doesNotContain("images-bucket-" + env.name())
        .doesNotContain("00000000-0000-0000-0000-000000000000");
  }

  // What describe-stacks returns after a deployment (shapes as AWS writes them).
  private static Map<String, String> outputsAsDeployed(EnvironmentSettings env, String account) {
    String e = env.name();
    String region = "eu-west-1";
    Map<String, String> o = new LinkedHashMap<>();
    o.put("ApiRoleArn", "arn:aws:iam::" + account + ":role/image-service-" + e + "-api");
    o.put("WorkerRoleArn", "arn:aws:iam::" + account + ":role/image-service-" + e + "-worker");
    o.put(
        "QueueScalerRoleArn",
        "arn:aws:iam::" + account + ":role/image-service-" + e + "-queue-scaler");
    o.put("ImagesBucket", "imageservice-" + e + "-storageimages0a1b2c3d-4e5f6a7b8c9d");
    o.put("ThumbnailsBucket", "imageservice-" + e + "-storagethumbnails9e8d7c6b-5a4f3e2d1c0b");
    o.put("TopicArn", "arn:aws:sns:" + region + ":" + account + ":image-events-" + e);
    o.put(
        "QueueUrl",
        "https://sqs." + region + ".amazonaws.com/" + account + "/thumbnail-requests-" + e);
    o.put(
        "DatabaseEndpoint",
        "imageservice-" + e + "-databaseinstance1a2b3c.c9akciq32.rds." + region + ".amazonaws.com");
    o.put(
        "LogSearchEndpoint",
        "vpc-logsearchdo-abc123def456-7ghijklmnopqrstu." + region + ".es.amazonaws.com");
    o.put("AlbSecurityGroupId", "sg-0a1b2c3d4e5f60718");
    o.put("DistributionDomainName", "d2x3y4z5a6b7c8.cloudfront.net");
    o.put("ThumbnailSigningKeyId", "K1A2B3C4D5E6F7");
    o.put("ThumbnailSigningSecretName", "image-service/" + e + "/thumbnail-signing-key");
    o.put("ImageCacheFileSystemId", "fs-0f1e2d3c4b5a69788");
    o.put(
        "OriginCertificateArn",
        "arn:aws:acm:"
            + region
            + ":"
            + account
            + ":certificate/6f1d2b7a-0000-4c1e-9d1b-"
            + account);
    o.put("DatabaseRuntimeSecretName", "image-service/" + e + "/db-runtime");
    o.put("DistributionId", "E2QWRUHAPOMQZL");
    o.put(
        "WebhookQueueUrl",
        "https://sqs." + region + ".amazonaws.com/" + account + "/webhook-events-" + e);
    o.put("WebhookSecretKeyName", "image-service/" + e + "/webhook-secret-key");
    o.put(
        "UploadEventsQueueUrl",
        "https://sqs." + region + ".amazonaws.com/" + account + "/upload-events-" + e);
    return o;
  }
}
