package dev.imageservice.localinfra.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link S3ContractTest} against our {@link S3ProxyServer}, plus what only it promises: signatures
 * are checked, so a tampered presigned link is refused. One server per class (a per-class instance,
 * so the subclass's store choice is known when it starts); each test has its own bucket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class S3ProxyContractTest extends S3ContractTest {

  private S3ProxyServer server;
  private S3Client s3;
  private S3Presigner presigner;

  /** Where the store keeps objects; null for the in-memory (transient) store. */
  protected abstract @Nullable Path baseDirectory();

  @BeforeAll
  void startServer() {
    server = start(baseDirectory());
    s3 = S3Clients.client(server.endpoint(), ACCESS_KEY, SECRET_KEY);
    presigner = S3Clients.presigner(server.endpoint(), ACCESS_KEY, SECRET_KEY);
  }

  @AfterAll
  void stopServer() {
    try (S3Client c = s3;
        S3Presigner p = presigner;
        S3ProxyServer s = server) {
      // closed by try-with-resources; null resources are skipped
    }
  }

  @Test
  void presignedLinkWithAnAlteredExpiryIsRefused() throws Exception {
    putAll(List.of("private.jpg"));
    String url =
        presigner()
            .presignGetObject(
                p ->
                    p.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(r -> r.bucket(bucket()).key("private.jpg")))
            .url()
            .toString();
    // Someone stretches the link's life: the signature no longer matches.
    URI altered = URI.create(url.replace("X-Amz-Expires=300", "X-Amz-Expires=3000"));

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(altered).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(url).contains("X-Amz-Expires=300");
    assertThat(response.statusCode()).isEqualTo(403);
  }

  static final String ACCESS_KEY = LocalInfrastructure.ACCESS_KEY;
  static final String SECRET_KEY = LocalInfrastructure.SECRET_KEY;

  static S3ProxyServer start(@Nullable Path baseDirectory) {
    return S3ProxyServer.start(baseDirectory, "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY);
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
