package dev.imageservice.localinfra.sns;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link SnsContractTest} against our {@link LocalSnsServer} forwarding to ElasticMQ. */
class LocalSnsServerContractTest extends SnsContractTest {

  private static SQSRestServer elasticMq;
  private static SqsClient sqs;
  private static LocalSnsServer server;
  private static SnsClient sns;

  @BeforeAll
  static void start() {
    elasticMq = AwsClients.startElasticMq();
    sqs = AwsClients.sqs(AwsClients.endpointOf(elasticMq));
    server = LocalSnsServer.start("127.0.0.1", 0, sqs, AwsClients.REGION, AwsClients.ACCOUNT_ID);
    sns = AwsClients.sns(server.endpoint());
  }

  @AfterAll
  static void stop() {
    // ElasticMQ's threads would keep the JVM alive, so it is stopped even if the others fail.
    try (SnsClient s = sns;
        LocalSnsServer l = server;
        SqsClient q = sqs) {
      // closed in reverse order by try-with-resources
    } finally {
      if (elasticMq != null) {
        elasticMq.stopAndWait();
      }
    }
  }

  @Override
  protected SnsClient sns() {
    return sns;
  }

  @Override
  protected SqsClient sqs() {
    return sqs;
  }
}
