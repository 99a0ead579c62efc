package dev.imageservice.localinfra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the embedded infrastructure listens and what it provisioned, and the Spring properties that
 * point both services at it. The same properties pointed at AWS (endpoints left out, real bucket,
 * topic and queue names, an RDS JDBC URL) run the services in production: nothing else differs.
 */
public record LocalEndpoints(
    String jdbcUrl,
    String dbUsername,
    String dbPassword,
    URI s3,
    URI sqs,
    URI sns,
    String region,
    String accessKey,
    String secretKey,
    String imagesBucket,
    String thumbnailsBucket,
    String topicArn,
    String queueName,
    String deadLetterQueueName) {

  /** The properties both services read; each service ignores those it does not use. */
  public Map<String, String> springProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("spring.datasource.url", jdbcUrl);
    p.put("spring.datasource.username", dbUsername);
    p.put("spring.datasource.password", dbPassword);
    p.put("spring.cloud.aws.region.static", region);
    p.put("spring.cloud.aws.credentials.access-key", accessKey);
    p.put("spring.cloud.aws.credentials.secret-key", secretKey);
    p.put("spring.cloud.aws.s3.endpoint", s3.toString());
    p.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
    p.put("spring.cloud.aws.sqs.endpoint", sqs.toString());
    p.put("image-service.messaging.sns-endpoint", sns.toString());
    p.put("image-service.storage.images-bucket", imagesBucket);
    p.put("image-service.storage.thumbnails-bucket", thumbnailsBucket);
    p.put("image-service.messaging.topic-arn", topicArn);
    p.put("image-service.worker.queue", queueName);
    p.put("image-service.worker.dead-letter-queue", deadLetterQueueName);
    p.put("image-service.webhooks.queue", LocalInfrastructure.WEBHOOK_QUEUE);
    return p;
  }

  /** Saves the endpoints so that extra worker processes can join the running system. */
  public void writeTo(Path file) {
    Properties properties = new Properties();
    properties.putAll(
        Map.ofEntries(
            Map.entry("jdbcUrl", jdbcUrl),
            Map.entry("dbUsername", dbUsername),
            Map.entry("dbPassword", dbPassword),
            Map.entry("s3", s3.toString()),
            Map.entry("sqs", sqs.toString()),
            Map.entry("sns", sns.toString()),
            Map.entry("region", region),
            Map.entry("accessKey", accessKey),
            Map.entry("secretKey", secretKey),
            Map.entry("imagesBucket", imagesBucket),
            Map.entry("thumbnailsBucket", thumbnailsBucket),
            Map.entry("topicArn", topicArn),
            Map.entry("queueName", queueName),
            Map.entry("deadLetterQueueName", deadLetterQueueName)));
    try {
      Path folder = file.toAbsolutePath().getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
      try (Writer writer = Files.newBufferedWriter(file)) {
        properties.store(writer, "endpoints of the running local image-service (local use only)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static LocalEndpoints readFrom(Path file) {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      p.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LocalEndpoints(
        p.getProperty("jdbcUrl"),
        p.getProperty("dbUsername"),
        p.getProperty("dbPassword"),
        URI.create(p.getProperty("s3")),
        URI.create(p.getProperty("sqs")),
        URI.create(p.getProperty("sns")),
        p.getProperty("region"),
        p.getProperty("accessKey"),
        p.getProperty("secretKey"),
        p.getProperty("imagesBucket"),
        p.getProperty("thumbnailsBucket"),
        p.getProperty("topicArn"),
        p.getProperty("queueName"),
        p.getProperty("deadLetterQueueName"));
  }
}
