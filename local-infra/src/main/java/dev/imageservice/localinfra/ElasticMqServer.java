package dev.imageservice.localinfra;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * An SQS-compatible server (ElasticMQ, in memory) speaking the AWS JSON protocol of the SDK v2. Its
 * threads keep the JVM alive, so it must be closed. Not thread-safe: start and close from one
 * thread.
 */
public final class ElasticMqServer implements AutoCloseable {

  private final SQSRestServer server;
  private final URI endpoint;

  private ElasticMqServer(SQSRestServer server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  public static ElasticMqServer start(String host, int port) {
    SQSRestServer server =
        SQSRestServerBuilder.withInterface(host).withPort(port).withAWSRegion("us-east-1").start();
    int boundPort = server.waitUntilStarted().localAddress().getPort();
    return new ElasticMqServer(server, URI.create("http://" + host + ":" + boundPort));
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
