package dev.imageservice.localinfra;

import dev.imageservice.localinfra.sns.LocalSnsServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole embedded infrastructure: PostgreSQL, S3Proxy, ElasticMQ and the local SNS endpoint,
 * with the buckets, topic, queue, dead-letter queue and subscription the services expect, created
 * as they would be by the deployment in AWS. Closing it stops every server in reverse order. Not
 * thread-safe.
 */
public final class LocalInfrastructure implements AutoCloseable {

  public static final String REGION = "us-east-1";
  public static final String ACCOUNT_ID = "000000000000";
  public static final String ACCESS_KEY = "local-access-key";
  public static final String SECRET_KEY = "local-secret-key";
  public static final String IMAGES_BUCKET = "images";
  public static final String THUMBNAILS_BUCKET = "thumbnails";
  public static final String TOPIC = "image-events";
  public static final String QUEUE = "thumbnail-requests";
  public static final String DEAD_LETTER_QUEUE = "thumbnail-requests-dlq";

  /** The API's own queue of completion events, from which it delivers webhooks. */
  public static final String WEBHOOK_QUEUE = "webhook-events";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final LocalEndpoints endpoints;
  private final EmbeddedPostgresServer postgres;
  private final S3ProxyServer s3;
  private final ElasticMqServer sqsServer;
  private final SqsClient sqs;

  private LocalInfrastructure(LocalInfrastructureSettings settings) {
    try {
      Path data = settings.dataDirectory();
      String host = settings.host();
      postgres =
          track(EmbeddedPostgresServer.start(sub(data, "postgres"), settings.postgresPort()));
      s3 =
          track(
              S3ProxyServer.start(
                  sub(data, "s3"), host, settings.s3Port(), ACCESS_KEY, SECRET_KEY));
      sqsServer = track(ElasticMqServer.start(host, settings.sqsPort()));
      sqs = track(client(SqsClient.builder(), sqsServer.endpoint()));
      LocalSnsServer sns =
          track(LocalSnsServer.start(host, settings.snsPort(), sqs, REGION, ACCOUNT_ID));
      String topicArn = provisionMessaging(sns.endpoint(), settings);
      provisionBuckets();
      endpoints =
          new LocalEndpoints(
              postgres.jdbcUrl(),
              postgres.username(),
              postgres.password(),
              s3.endpoint(),
              sqsServer.endpoint(),
              sns.endpoint(),
              REGION,
              ACCESS_KEY,
              SECRET_KEY,
              IMAGES_BUCKET,
              THUMBNAILS_BUCKET,
              topicArn,
              QUEUE,
              DEAD_LETTER_QUEUE);
    } catch (RuntimeException e) {
      // Stop what had started, or its threads and ports outlive the failed start.
      try {
        close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Starts every server and provisions the resources; on failure stops what had started. */
  public static LocalInfrastructure start(LocalInfrastructureSettings settings) {
    return new LocalInfrastructure(settings);
  }

  public LocalEndpoints endpoints() {
    return endpoints;
  }

  public SqsClient sqs() {
    return sqs;
  }

  /** The PostgreSQL server, e.g. to stop and restart it in a fault test. */
  public EmbeddedPostgresServer postgres() {
    return postgres;
  }

  /** The S3 server, e.g. to stop and restart it in a fault test. */
  public S3ProxyServer s3() {
    return s3;
  }

  /** Builds an SDK client of any service pointed at an embedded server. */
  public static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C>
      C client(B builder, URI endpoint) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  private String provisionMessaging(URI snsEndpoint, LocalInfrastructureSettings settings) {
    String dlqUrl = sqs.createQueue(r -> r.queueName(DEAD_LETTER_QUEUE)).queueUrl();
    String dlqArn =
        sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String redrive =
        "{\"maxReceiveCount\":\"%d\",\"deadLetterTargetArn\":\"%s\"}"
            .formatted(settings.maxReceiveCount(), dlqArn);
    sqs.createQueue(
        r ->
            r.queueName(QUEUE)
                .attributes(
                    Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                        Integer.toString(settings.visibilityTimeoutSeconds()),
                        QueueAttributeName.REDRIVE_POLICY,
                        redrive)));
    try (SnsClient sns = client(SnsClient.builder(), snsEndpoint)) {
      String topicArn = sns.createTopic(r -> r.name(TOPIC)).topicArn();
      sns.subscribe(
          r ->
              r.topicArn(topicArn)
                  .protocol("sqs")
                  .endpoint("arn:aws:sqs:%s:%s:%s".formatted(REGION, ACCOUNT_ID, QUEUE))
                  .attributes(
                      // Workers want only requests, not the completion events on the topic.
                      Map.of(
                          "RawMessageDelivery",
                          "true",
                          "FilterPolicy",
                          "{\"type\":[\"image.uploaded\"]}")));
      provisionWebhookQueue(sns, topicArn, settings);
      return topicArn;
    }
  }

  // Completion events only, for the API's webhook deliveries: a slow receiver never holds up the
  // workers' queue. Redelivered after the visibility timeout while its deliveries are not recorded.
  private void provisionWebhookQueue(
      SnsClient sns, String topicArn, LocalInfrastructureSettings settings) {
    sqs.createQueue(
        r ->
            r.queueName(WEBHOOK_QUEUE)
                .attributes(
                    Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                        Integer.toString(settings.visibilityTimeoutSeconds()))));
    sns.subscribe(
        r ->
            r.topicArn(topicArn)
                .protocol("sqs")
                .endpoint("arn:aws:sqs:%s:%s:%s".formatted(REGION, ACCOUNT_ID, WEBHOOK_QUEUE))
                .attributes(
                    Map.of(
                        "RawMessageDelivery",
                        "true",
                        "FilterPolicy",
                        "{\"type\":[\"thumbnails.generated\",\"thumbnails.failed\"]}")));
  }

  private void provisionBuckets() {
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .region(Region.of(REGION))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .build()) {
      for (String bucket : new String[] {IMAGES_BUCKET, THUMBNAILS_BUCKET}) {
        try {
          client.createBucket(r -> r.bucket(bucket));
        } catch (S3Exception e) {
          // 409: kept from an earlier run of the local system, exactly what we want.
          if (e.statusCode() != 409) {
            throw e;
          }
        }
      }
    }
  }

  private <T extends AutoCloseable> T track(T resource) {
    started.push(resource);
    return resource;
  }

  private static Path sub(Path data, String name) {
    return data == null ? null : data.resolve(name);
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("stopping the local infrastructure", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
