package dev.imageservice.deploy.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates an environment's Helm values from its stack's outputs and its environment file, so no
 * id is typed by hand: {@code values-<env>.generated.yaml} (JSON, which Helm reads as YAML) is
 * passed after {@code values-<env>.yaml}, which keeps only sizing decisions. Run it after {@code
 * cdk deploy}:
 *
 * <pre>
 * aws cloudformation describe-stacks --stack-name ImageService-dev \
 *   --query 'Stacks[0].Outputs' --output json &gt; target/outputs-dev.json
 * ../../mvnw -q exec:java -Dexec.mainClass=dev.imageservice.deploy.infra.ValuesFromOutputs \
 *   -Dexec.args="dev target/outputs-dev.json &lt;registry host&gt; ../helm/image-service/values-dev.generated.yaml"
 * </pre>
 */
public final class ValuesFromOutputs {

  /** The stack outputs the values need; a test holds the synthesised templates to this list. */
  public static final List<String> REQUIRED =
      List.of(
          "ApiRoleArn",
          "WorkerRoleArn",
          "QueueScalerRoleArn",
          "ImagesBucket",
          "ThumbnailsBucket",
          "TopicArn",
          "QueueUrl",
          "DatabaseEndpoint",
          "LogSearchEndpoint",
          "AlbSecurityGroupId",
          "DistributionDomainName",
          "ThumbnailSigningKeyId",
          "ThumbnailSigningSecretName",
          "ImageCacheFileSystemId",
          "OriginCertificateArn",
          "DatabaseRuntimeSecretName",
          "DistributionId",
          "WebhookQueueUrl",
          "WebhookSecretKeyName",
          "UploadEventsQueueUrl");

  private ValuesFromOutputs() {}

  /**
   * The values of one environment.
   *
   * @param settings the environment (its file supplies the domain)
   * @param outputs the stack's outputs by key
   * @param registry the ECR registry host the images are pulled from
   * @return the values tree, in the chart's layout
   */
  public static Map<String, Object> values(
      EnvironmentSettings settings, Map<String, String> outputs, String registry) {
    for (String key : REQUIRED) {
      if (outputs.get(key) == null || outputs.get(key).isBlank()) {
        throw new IllegalArgumentException("stack output missing: " + key);
      }
    }
    String env = settings.name();
    String topicArn = outputs.get("TopicArn");
    String region = topicArn.split(":")[3];
    String queueUrl = outputs.get("QueueUrl");
    String queue = queueName(queueUrl);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("environment", env);
    values.put("aws", Map.of("region", region));
    values.put("image", Map.of("registry", registry));
    values.put("api", Map.of("roleArn", outputs.get("ApiRoleArn")));
    values.put(
        "worker",
        Map.of(
            "roleArn",
            outputs.get("WorkerRoleArn"),
            "autoscaling",
            Map.of("scalerRoleArn", outputs.get("QueueScalerRoleArn"))));
    values.put(
        "storage",
        Map.of(
            "imagesBucket", outputs.get("ImagesBucket"),
            "thumbnailsBucket", outputs.get("ThumbnailsBucket"),
            "cacheFileSystemId", outputs.get("ImageCacheFileSystemId"),
            "cloudfront",
                Map.of(
                    "enabled", true,
                    "domain", outputs.get("DistributionDomainName"),
                    "keyPairId", outputs.get("ThumbnailSigningKeyId"),
                    "privateKeySecret", outputs.get("ThumbnailSigningSecretName"),
                    "distributionId", outputs.get("DistributionId"))));
    values.put(
        "messaging",
        Map.of(
            "topicArn",
            topicArn,
            "queue",
            queue,
            "queueUrl",
            queueUrl,
            "deadLetterQueue",
            queue.replace("thumbnail-requests-", "thumbnail-requests-dlq-"),
            "webhookQueue",
            queueName(outputs.get("WebhookQueueUrl")),
            "uploadEventsQueue",
            queueName(outputs.get("UploadEventsQueueUrl"))));
    values.put("database", Map.of("host", outputs.get("DatabaseEndpoint")));
    values.put(
        "secrets",
        Map.of(
            "databaseSecret", "image-service/" + env + "/db",
            "databaseRuntimeSecret", outputs.get("DatabaseRuntimeSecretName"),
            "apiKeysSecret", "image-service/" + env + "/api-keys",
            "adminKeysSecret", "image-service/" + env + "/admin-keys",
            "webhookSecretKeySecret", outputs.get("WebhookSecretKeyName")));
    values.put("logging", Map.of("openSearchHost", outputs.get("LogSearchEndpoint")));
    values.put(
        "ingress",
        Map.of(
            "host", settings.originDomainName(),
            "certificateArn", outputs.get("OriginCertificateArn"),
            "albSecurityGroupId", outputs.get("AlbSecurityGroupId")));
    values.put("networkPolicy", Map.of("vpcCidr", settings.vpcCidr()));
    return values;
  }

  // The name at the end of a queue URL (the services resolve names to URLs themselves).
  private static String queueName(String queueUrl) {
    return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
  }

  /** Reads {@code aws cloudformation describe-stacks ... --query 'Stacks[0].Outputs'} output. */
  public static Map<String, String> readOutputs(Path file) throws IOException {
    Map<String, String> outputs = new LinkedHashMap<>();
    for (JsonNode output : JsonMapper.builder().build().readTree(Files.readString(file))) {
      outputs.put(output.path("OutputKey").asString(), output.path("OutputValue").asString());
    }
    return outputs;
  }

  /** Writes the values as JSON (valid YAML) to {@code target}. */
  public static void write(Map<String, Object> values, Path target) throws IOException {
    Files.writeString(
        target,
        JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build()
                .writeValueAsString(values)
            + "\n");
  }

  /** {@code <env> <outputs.json> <registry host> <target file>}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: <env> <outputs.json> <registry> <target>");
    }
    EnvironmentSettings settings =
        EnvironmentSettings.all().stream()
            .filter(s -> s.name().equals(args[0]))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no file " + Site.file(args[0])));
    write(values(settings, readOutputs(Path.of(args[1])), args[2]), Path.of(args[3]));
  }
}
