package dev.imageservice.localinfra.s3;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.imageservice.localinfra.fauxqs.FauxqsProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link S3ContractTest} against fauxqs's S3 emulation, the independent implementation. Installs
 * fauxqs with npm when missing; without npm it fails, unless {@code -Dfauxqs.skip=true}.
 */
class FauxqsS3ContractTest extends S3ContractTest {

  private static FauxqsProcess fauxqs;
  private static S3Client s3;
  private static S3Presigner presigner;

  @BeforeAll
  static void start() throws Exception {
    assumeFalse(Boolean.getBoolean("fauxqs.skip"), "fauxqs.skip=true");
    fauxqs = FauxqsProcess.start();
    s3 = S3Clients.client(fauxqs.endpoint(), "test", "test");
    presigner = S3Clients.presigner(fauxqs.endpoint(), "test", "test");
  }

  @AfterAll
  static void stop() throws Exception {
    try (S3Client s = s3;
        S3Presigner p = presigner;
        FauxqsProcess f = fauxqs) {
      // closed by try-with-resources; null resources are skipped
    }
  }

  @Override
  protected S3Client s3() {
    return s3;
  }

  @Override
  protected S3Presigner presigner() {
    return presigner;
  }
}
