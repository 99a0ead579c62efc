package dev.imageservice.localinfra.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A minimal local SNS endpoint that forwards deliveries to SQS (ElasticMQ). It is NOT a full SNS:
 * it exists so that services can use the ordinary AWS SDK {@code SnsClient} (with an endpoint
 * override) on a developer machine and in tests, and it is held to fauxqs's behaviour by {@code
 * SnsContractTest}. Never use it in production.
 *
 * <p>It speaks the awsQuery protocol the SDK's SNS client uses (form-encoded {@code Action=...}
 * POSTs, XML answers) and supports: CreateTopic (idempotent by name), DeleteTopic, ListTopics,
 * GetTopicAttributes (a few counters), Subscribe with protocol {@code sqs} and a queue ARN,
 * SetSubscriptionAttributes and subscription attribute {@code RawMessageDelivery} only,
 * ListSubscriptionsByTopic, Unsubscribe, Publish and PublishBatch with {@code Subject} and
 * String/Number/Binary message attributes. Not supported (rejected, never silently ignored): other
 * protocols, filter policies, FIFO topics, other attributes. There is no pagination, signing,
 * authentication, persistence or delivery retry.
 *
 * <p>Delivery is synchronous: Publish answers only after every subscribed queue accepted the
 * message, and answers {@code 500 InternalError} when one did not, so the publisher retries. Raw
 * delivery sends the message as the SQS body with the attributes as SQS message attributes;
 * otherwise the body is the SNS JSON envelope ({@code Type: Notification}). Unknown topics answer
 * {@code 404 NotFound} ({@code NotFoundException} in the SDK).
 *
 * <p>Thread-safe: requests run on virtual threads against concurrent state.
 */
public final class LocalSnsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalSnsServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI endpoint;
  private final SnsActions actions;

  private LocalSnsServer(HttpServer server, ExecutorService executor, String host, SnsActions a) {
    this.server = server;
    this.executor = executor;
    this.actions = a;
    this.endpoint = URI.create("http://" + host + ":" + server.getAddress().getPort());
  }

  /**
   * Starts the endpoint on {@code host:port} ({@code port} 0 picks a free one) and forwards
   * deliveries through {@code sqs}, which must point at the SQS server holding the queues.
   */
  public static LocalSnsServer start(
      String host, int port, SqsClient sqs, String region, String accountId) {
    Objects.requireNonNull(sqs, "sqs");
    SnsActions actions =
        new SnsActions(new TopicRegistry(region, accountId), new SqsForwarder(sqs), accountId);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
      http.setExecutor(executor);
      LocalSnsServer sns = new LocalSnsServer(http, executor, host, actions);
      http.createContext("/", sns::handle);
      http.start();
      log.info("Local SNS endpoint (not a full SNS) listening on {}", sns.endpoint);
      return sns;
    } catch (IOException e) {
      executor.close();
      throw new UncheckedIOException(
          "Cannot start the local SNS endpoint on " + host + ":" + port, e);
    }
  }

  /** The URI to give the SDK as endpoint override. */
  public URI endpoint() {
    return endpoint;
  }

  /** Stops accepting requests; idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int status = 200;
    String body;
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      try {
        if (!"POST".equals(exchange.getRequestMethod())) {
          throw SnsError.invalidParameter("Only POST with a form-encoded body is supported");
        }
        body =
            actions.handle(
                QueryRequest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (SnsError e) {
        status = e.status();
        body = SnsActions.errorDocument(e);
        if (status >= 500) {
          log.warn("Local SNS request failed: {}", e.getMessage(), e);
        }
      } catch (RuntimeException e) {
        // A bug of ours must still reach the caller as a retryable error, never as a hang.
        SnsError error = SnsError.internal(String.valueOf(e.getMessage()), e);
        status = error.status();
        body = SnsActions.errorDocument(error);
        log.error("Local SNS request failed unexpectedly", e);
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
