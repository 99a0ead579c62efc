package dev.imageservice.localinfra.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.localinfra.S3ProxyServer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link S3ContractTest} against S3Proxy's filesystem store, the one the local run uses. The base
 * directory is relative, as the local run's {@code .local/s3} is: a relative directory once made
 * every listing empty while reads and writes worked.
 */
class S3ProxyFilesystemContractTest extends S3ProxyContractTest {

  private final Path directory = Path.of("target", "s3-contract", UUID.randomUUID().toString());

  @Override
  protected Path baseDirectory() {
    return directory;
  }

  @Test
  void objectsWrittenByAnEarlierServerAreListedByTheNextOne() {
    putAll(List.of("local/0b7e/small.jpg", "local/0b7e/medium.jpg"));

    try (S3ProxyServer next = start(directory);
        S3Client client = S3Clients.client(next.endpoint(), ACCESS_KEY, SECRET_KEY)) {
      assertThat(client.listObjectsV2(r -> r.bucket(bucket())).contents())
          .extracting(S3Object::key)
          .containsExactly("local/0b7e/medium.jpg", "local/0b7e/small.jpg");
    }
  }
}
