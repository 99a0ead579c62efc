package dev.imageservice.api.auth;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * API-key settings.
 *
 * @param keys {@code tenant:key} pairs registered (hashed) at start; the local default fills it
 *     from {@code IMAGE_SERVICE_API_KEY} and {@code IMAGE_SERVICE_API_KEYS}. In production keys
 *     come from the mounted secret. Every key has at least {@value #MIN_KEY_LENGTH} characters: a
 *     shorter one stops the start, since a short key can be guessed
 * @param cacheTtl how long a valid key's tenant is remembered without asking PostgreSQL (default 30
 *     s): also the longest a revoked key keeps working on a replica
 * @param unknownKeyCacheTtl how long an unknown key is remembered as unknown (default 10 s), so a
 *     flood of the same bad key does not reach PostgreSQL
 * @param cacheSize most keys each cache holds (default 10 000)
 */
@Validated
@ConfigurationProperties("image-service.auth")
public record AuthProperties(
    @NotNull List<String> keys, Duration cacheTtl, Duration unknownKeyCacheTtl, int cacheSize) {

  /** The shortest tenant key accepted. */
  public static final int MIN_KEY_LENGTH = 24;

  public AuthProperties {
    keys = keys == null ? List.of() : List.copyOf(keys);
    cacheTtl = cacheTtl == null ? Duration.ofSeconds(30) : cacheTtl;
    unknownKeyCacheTtl = unknownKeyCacheTtl == null ? Duration.ofSeconds(10) : unknownKeyCacheTtl;
    cacheSize = cacheSize <= 0 ? 10_000 : cacheSize;
    configured(keys); // fail the start on a malformed or short key, naming the tenant only
  }

  /** A configured key and its tenant. */
  public record ConfiguredKey(String tenant, String key) {

    @Override
    public String toString() {
      return "ConfiguredKey[tenant=" + tenant + ", key=<hidden>]";
    }
  }

  /** The configured pairs, parsed. */
  public List<ConfiguredKey> configured() {
    return configured(keys);
  }

  private static List<ConfiguredKey> configured(List<String> pairs) {
    List<ConfiguredKey> parsed = new ArrayList<>();
    for (String pair : pairs) {
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw new IllegalArgumentException("image-service.auth.keys entries are tenant:key");
      }
      String tenant = pair.substring(0, colon).trim();
      String key = pair.substring(colon + 1).trim();
      if (key.length() < MIN_KEY_LENGTH) {
        throw new IllegalArgumentException(
            "image-service.auth.keys: the key of tenant '%s' has %d characters; API keys need at least %d (generate one with: openssl rand -base64 24)"
                .formatted(tenant, key.length(), MIN_KEY_LENGTH));
      }
      parsed.add(new ConfiguredKey(tenant, key));
    }
    return List.copyOf(parsed);
  }
}
