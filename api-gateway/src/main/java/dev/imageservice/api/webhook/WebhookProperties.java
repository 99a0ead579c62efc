package dev.imageservice.api.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Signed webhooks (Standard Webhooks): the consumer of completion events, the retry schedule and
 * the receiver policy.
 *
 * @param enabled whether this replica consumes completion events and sends deliveries (default
 *     true); the endpoints can be managed either way
 * @param queue the queue of completion events subscribed to the topic (default {@code
 *     webhook-events})
 * @param sqsEndpoint an SQS endpoint override (the local embedded default); null in AWS
 * @param secretKey 32 or more random characters; their SHA-256 is the AES key that encrypts signing
 *     secrets in the database. Empty stores them unencrypted (a warning at start): set it from a
 *     secret in every deployment
 * @param allowLocalReceivers also accept {@code http://127.0.0.1} and {@code http://localhost}
 *     receivers (default false; the local launcher turns it on). Nothing else private ever is
 * @param retryBase the wait after the first failed attempt; it doubles with each failure (default
 *     30s)
 * @param retryMax the longest wait between two attempts (default 4h)
 * @param retryWindow how long a delivery is retried before it gives up and disables the endpoint
 *     (default 24h)
 * @param secretGrace how long the previous secret still signs after a rotation (default 24h)
 * @param connectTimeout connecting to a receiver (default 5s)
 * @param readTimeout the receiver's whole answer, headers and body (default 10s)
 * @param maxResponseBytes most bytes of an answer read (default 65536); the rest is dropped
 * @param pollInterval how often the dispatcher looks for due deliveries when not woken (default 1s)
 * @param batchSize deliveries claimed per pass (default 50), sent in parallel
 * @param claimLease how long claimed deliveries stay hidden from other replicas (default 2m);
 *     longer than an attempt can take
 * @param maxEndpointsPerTenant most endpoints one tenant may register (default 20)
 */
@Validated
@ConfigurationProperties("image-service.webhooks")
public record WebhookProperties(
    boolean enabled,
    @NotBlank String queue,
    @Nullable URI sqsEndpoint,
    String secretKey,
    boolean allowLocalReceivers,
    Duration retryBase,
    Duration retryMax,
    Duration retryWindow,
    Duration secretGrace,
    Duration connectTimeout,
    Duration readTimeout,
    @Min(1024) @Max(1_048_576) int maxResponseBytes,
    Duration pollInterval,
    @Min(1) @Max(500) int batchSize,
    Duration claimLease,
    @Min(1) @Max(1000) int maxEndpointsPerTenant) {

  public WebhookProperties {
    queue = queue == null ? "webhook-events" : queue;
    sqsEndpoint = sqsEndpoint == null || sqsEndpoint.toString().isEmpty() ? null : sqsEndpoint;
    secretKey = secretKey == null ? "" : secretKey.trim();
    retryBase = orDefault(retryBase, Duration.ofSeconds(30));
    retryMax = orDefault(retryMax, Duration.ofHours(4));
    retryWindow = orDefault(retryWindow, Duration.ofHours(24));
    secretGrace = orDefault(secretGrace, Duration.ofHours(24));
    connectTimeout = orDefault(connectTimeout, Duration.ofSeconds(5));
    readTimeout = orDefault(readTimeout, Duration.ofSeconds(10));
    maxResponseBytes = maxResponseBytes == 0 ? 65_536 : maxResponseBytes;
    pollInterval = orDefault(pollInterval, Duration.ofSeconds(1));
    batchSize = batchSize == 0 ? 50 : batchSize;
    claimLease = orDefault(claimLease, Duration.ofMinutes(2));
    maxEndpointsPerTenant = maxEndpointsPerTenant == 0 ? 20 : maxEndpointsPerTenant;
  }

  /** The wait before attempt {@code failures + 1}: base doubled per failure, at most retryMax. */
  Duration backoffAfter(int failures) {
    int doublings = Math.clamp(failures - 1L, 0, 30);
    Duration wait = retryBase.multipliedBy(1L << doublings);
    return wait.compareTo(retryMax) > 0 ? retryMax : wait;
  }

  private static Duration orDefault(@Nullable Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }
}
