package dev.imageservice.api.auth;

import dev.imageservice.common.apikey.ApiKeyRepository;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers the configured {@code tenant:key} pairs (hashed) when the API starts. Idempotent; a key
 * revoked in the database stays revoked even while the secret still holds it.
 */
@Component
class ApiKeyRegistration {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyRegistration.class);

  private final AuthProperties properties;
  private final Jdbi jdbi;
  private final ApiKeyRepository apiKeys;
  private final Clock clock;

  ApiKeyRegistration(AuthProperties properties, Jdbi jdbi, ApiKeyRepository apiKeys, Clock clock) {
    this.properties = properties;
    this.jdbi = jdbi;
    this.apiKeys = apiKeys;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void registerConfiguredKeys() {
    jdbi.useTransaction(
        handle -> {
          for (AuthProperties.ConfiguredKey configured : properties.configured()) {
            apiKeys.register(
                handle, configured.tenant(), configured.key(), "configured", clock.instant());
          }
        });
    log.info("registered {} configured API key(s)", properties.keys().size());
  }
}
