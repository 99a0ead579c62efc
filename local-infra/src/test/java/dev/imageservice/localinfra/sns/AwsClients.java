package dev.imageservice.localinfra.sns;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients for local endpoints, and an embedded ElasticMQ; for tests only. */
final class AwsClients {

  static final String REGION = "us-east-1";
  static final String ACCOUNT_ID = "000000000000";

  private AwsClients() {}

  /** An SNS client that does not retry, so a test sees the first answer of the server. */
  static SnsClient sns(URI endpoint) {
    return SnsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static SqsClient sqs(URI endpoint) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .build();
  }

  /** Starts ElasticMQ on a free port of the loopback interface; stop it with stopAndWait(). */
  static SQSRestServer startElasticMq() {
    SQSRestServer server =
        SQSRestServerBuilder.withInterface("127.0.0.1").withPort(0).withAWSRegion(REGION).start();
    server.waitUntilStarted();
    return server;
  }

  static URI endpointOf(SQSRestServer server) {
    return URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  }
}
