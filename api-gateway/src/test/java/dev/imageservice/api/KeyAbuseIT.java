package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.common.apikey.ApiKeyRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Limits on abuse, with small limits so a test can exhaust them: a tenant's request rate, a
 * client's failed authentications (the client being CloudFront's viewer address, trusted here,
 * never X-Forwarded-For), and revocation that a restart does not undo.
 */
@TestPropertySource(
    properties = {
      "image-service.auth.keys=limited:"
          + KeyAbuseIT.LIMITED_KEY
          + ",revoked:"
          + KeyAbuseIT.REVOKED_KEY,
      "image-service.auth.cache-ttl=500ms",
      "image-service.auth.unknown-key-cache-ttl=500ms",
      "image-service.rate-limit.tenant-requests.burst=3",
      "image-service.rate-limit.tenant-requests.per-second=1",
      "image-service.rate-limit.failed-authentications.burst=2",
      "image-service.rate-limit.failed-authentications.per-second=0.5",
      "image-service.rate-limit.trust-cloud-front-viewer-address=true"
    })
class KeyAbuseIT extends ApiIntegrationTest {

  static final String LIMITED_KEY = "limited-tenant-key-0123456789abcdef";
  static final String REVOKED_KEY = "revoked-tenant-key-0123456789abcdef";

  @Autowired Jdbi jdbi;
  @Autowired ApiKeyRepository apiKeys;

  @Test
  void aTenantOverItsRateGets429WithRateLimitHeadersAndThenRecovers() {
    RawHttp.Response last = null;
    for (int i = 0; i < 10; i++) {
      last = jobs(LIMITED_KEY, viewer("198.51.100.1"));
      if (last.status() == 429) {
        break;
      }
      assertThat(last.status()).as(last.body()).isEqualTo(200);
      assertThat(last.header("RateLimit-Limit")).isEqualTo("3");
    }

    assertThat(last.status()).as("refused once the burst of 3 is spent").isEqualTo(429);
    assertThat(last.header("Content-Type")).startsWith("application/problem+json");
    assertThat(last.body()).contains("\"code\":\"too_many_requests\"");
    assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 2L);
    assertThat(last.header("RateLimit-Limit")).isEqualTo("3");
    assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(last.header("RateLimit-Reset"))).isBetween(1L, 3L);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> jobs(LIMITED_KEY, viewer("198.51.100.1")).status() == 200);
  }

  @Test
  void failedAuthenticationsAreLimitedPerClientWhateverXForwardedForSays() {
    String client = "203.0.113." + (1 + (int) (Math.random() * 250));
    RawHttp.Response last = null;
    for (int i = 0; i < 6 && (last == null || last.status() != 429); i++) {
      Map<String, String> headers = viewer(client + ":4" + i);
      headers.put("X-Forwarded-For", "192.0.2." + i); // a new "client" each time: ignored
      last = jobs("wrong-key-" + UUID.randomUUID(), headers);
    }

    assertThat(last.status()).as(last.body()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isNotNull();
    // Even the right key waits: the client is blocked, not the key.
    assertThat(jobs(LIMITED_KEY, viewer(client)).status()).isIn(200, 429);
    // Another client is not affected.
    assertThat(jobs("wrong-key-" + UUID.randomUUID(), viewer("203.0.113.251")).status())
        .isEqualTo(401);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> jobs("still-wrong-" + UUID.randomUUID(), viewer(client)).status() == 401);
  }

  @Test
  void aKeyRevokedInTheDatabaseStaysRevokedWhenTheConfiguredKeysAreRegisteredAgain() {
    assertThat(jobs(REVOKED_KEY, viewer("198.51.100.7")).status()).isEqualTo(200);

    jdbi.useHandle(h -> apiKeys.revoke(h, REVOKED_KEY, Instant.now()));
    // What ApiKeyRegistration does at every start, with the key still in the secret.
    jdbi.useHandle(h -> apiKeys.register(h, "revoked", REVOKED_KEY, "configured", Instant.now()));

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> jobs(REVOKED_KEY, viewer("198.51.100.7")).status() == 401);
  }

  private RawHttp.Response jobs(String key, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Authorization", "Bearer " + key);
    return RawHttp.send(port, "GET", "/v1/jobs", all);
  }

  private static Map<String, String> viewer(String address) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("CloudFront-Viewer-Address", address.contains(":") ? address : address + ":443");
    return headers;
  }
}
