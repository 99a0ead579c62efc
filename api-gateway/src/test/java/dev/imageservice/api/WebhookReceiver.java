package dev.imageservice.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver (the JDK's HttpServer on 127.0.0.1) recording every request per path. Each
 * path answers by a script: a list of behaviours, one per request, the last one repeating. A {@code
 * HANG} answer holds the request until the receiver closes (the sender's read timeout ends it).
 * Thread-safe.
 */
final class WebhookReceiver implements AutoCloseable {

  enum Answer {
    OK,
    FAIL,
    REDIRECT,
    HANG
  }

  record Received(Instant at, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name);
    }
  }

  private final HttpServer server;
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
  private final Map<String, List<Answer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of a path that answers by the script. */
  String url(String path, Answer... script) {
    scripts.put(path, List.of(script));
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Received> received(String path) {
    return List.copyOf(received.getOrDefault(path, List.of()));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> headers = new ConcurrentHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received
        .computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
        .add(new Received(Instant.now(), headers, body));
    List<Answer> script = scripts.getOrDefault(path, List.of(Answer.OK));
    int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
    Answer answer = script.get(Math.min(n, script.size() - 1));
    switch (answer) {
      case OK -> exchange.sendResponseHeaders(204, -1);
      case FAIL -> {
        byte[] big = new byte[200_000]; // more than the sender may read
        exchange.sendResponseHeaders(500, big.length);
        exchange.getResponseBody().write(big);
      }
      case REDIRECT -> {
        exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
        exchange.sendResponseHeaders(307, -1);
      }
      case HANG -> {
        try {
          closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(204, -1);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
