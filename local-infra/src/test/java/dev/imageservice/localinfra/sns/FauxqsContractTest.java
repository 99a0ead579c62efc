package dev.imageservice.localinfra.sns;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.imageservice.localinfra.fauxqs.FauxqsProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link SnsContractTest} against fauxqs, which serves SNS and SQS on one endpoint (it delivers
 * only into its own queues). Installs fauxqs with npm when missing; without npm it fails, unless
 * {@code -Dfauxqs.skip=true}.
 */
class FauxqsContractTest extends SnsContractTest {

  private static FauxqsProcess fauxqs;
  private static SnsClient sns;
  private static SqsClient sqs;

  @BeforeAll
  static void start() throws Exception {
    assumeFalse(Boolean.getBoolean("fauxqs.skip"), "fauxqs.skip=true");
    fauxqs = FauxqsProcess.start();
    sns = AwsClients.sns(fauxqs.endpoint());
    sqs = AwsClients.sqs(fauxqs.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    try (SnsClient s = sns;
        SqsClient q = sqs;
        FauxqsProcess f = fauxqs) {
      // closed by try-with-resources; null resources are skipped
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
