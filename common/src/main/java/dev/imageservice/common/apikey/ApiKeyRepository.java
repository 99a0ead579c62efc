package dev.imageservice.common.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * API keys, stored only as SHA-256 hashes. Keys are random high-entropy tokens, so a plain fast
 * hash suffices (no password stretching needed) and lets each request be checked with one indexed
 * lookup. Stateless and thread-safe.
 */
public final class ApiKeyRepository {

  /** The tenant owning the key, if the key is known and not revoked. */
  public Optional<String> tenantOf(Handle handle, String apiKey) {
    return handle
        .createQuery("select tenant_id from api_keys where key_hash = :hash and revoked_at is null")
        .bind("hash", hash(apiKey))
        .mapTo(String.class)
        .findOne();
  }

  /**
   * Registers a key for a tenant; registering the same key again changes nothing. A revoked key
   * stays revoked: the configured secret may still hold it after an operator revoked it in the
   * database, and a restart must not bring it back.
   */
  public void register(Handle handle, String tenantId, String apiKey, String label, Instant now) {
    handle
        .createUpdate(
            """
            insert into api_keys (key_hash, tenant_id, label, created_at)
            values (:hash, :tenantId, :label, :now)
            on conflict (key_hash) do update set tenant_id = excluded.tenant_id
            where api_keys.revoked_at is null
            """)
        .bind("hash", hash(apiKey))
        .bind("tenantId", tenantId)
        .bind("label", label)
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .execute();
  }

  public void revoke(Handle handle, String apiKey, Instant now) {
    handle
        .createUpdate("update api_keys set revoked_at = :now where key_hash = :hash")
        .bind("hash", hash(apiKey))
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .execute();
  }

  static String hash(String apiKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
