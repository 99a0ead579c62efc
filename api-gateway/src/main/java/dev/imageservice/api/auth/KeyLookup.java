package dev.imageservice.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.imageservice.api.admin.AdminKeys;
import dev.imageservice.common.apikey.ApiKeyRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * Tells who a bearer key belongs to: an admin key (held in memory as hashes), a tenant's key (in
 * PostgreSQL, as hashes), or nobody. Answers are remembered briefly, keyed by the key's hash (the
 * key itself is never kept), so repeated calls, and a flood of the same bad key, cost no query.
 * Thread-safe.
 */
@Component
class KeyLookup {

  private final AdminKeys adminKeys;
  private final Jdbi jdbi;
  private final ApiKeyRepository apiKeys;
  private final Cache<String, String> tenants;
  private final Cache<String, Boolean> unknown;

  KeyLookup(AdminKeys adminKeys, Jdbi jdbi, ApiKeyRepository apiKeys, AuthProperties properties) {
    this.adminKeys = adminKeys;
    this.jdbi = jdbi;
    this.apiKeys = apiKeys;
    this.tenants =
        Caffeine.newBuilder()
            .maximumSize(properties.cacheSize())
            .expireAfterWrite(properties.cacheTtl())
            .build();
    this.unknown =
        Caffeine.newBuilder()
            .maximumSize(properties.cacheSize())
            .expireAfterWrite(properties.unknownKeyCacheTtl())
            .build();
  }

  /**
   * The caller the key authenticates, or empty for an unknown or revoked key.
   *
   * @throws RuntimeException when PostgreSQL cannot be asked (the caller answers 503)
   */
  Optional<KeyAuthentication> authenticate(String key) {
    if (adminKeys.matches(key)) {
      return Optional.of(KeyAuthentication.admin());
    }
    String hash = sha256(key);
    String tenant = tenants.getIfPresent(hash);
    if (tenant != null) {
      return Optional.of(KeyAuthentication.tenant(tenant));
    }
    if (unknown.getIfPresent(hash) != null) {
      return Optional.empty();
    }
    Optional<String> found = jdbi.withHandle(h -> apiKeys.tenantOf(h, key));
    if (found.isPresent()) {
      tenants.put(hash, found.get());
      return Optional.of(KeyAuthentication.tenant(found.get()));
    }
    unknown.put(hash, Boolean.TRUE);
    return Optional.empty();
  }

  private static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
