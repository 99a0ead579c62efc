package dev.imageservice.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the CloudFront API's {@code CreateInvalidation} (no CloudFront emulator exists):
 * records each request the real SDK client sends (path and XML body) and answers as CloudFront
 * documents it. What it cannot show: that CloudFront accepts the request, and that edges drop their
 * copies.
 */
final class FakeCloudFront implements AutoCloseable {

  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  FakeCloudFront() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n" + body);
          byte[] answer =
              """
              <?xml version="1.0" encoding="UTF-8"?>
              <Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
                <Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status>
                <CreateTime>2026-12-01T00:00:00Z</CreateTime>
                <InvalidationBatch><Paths><Quantity>0</Quantity></Paths>
                  <CallerReference>test</CallerReference></InvalidationBatch>
              </Invalidation>
              """
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(201, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request so far: method, path and body. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
