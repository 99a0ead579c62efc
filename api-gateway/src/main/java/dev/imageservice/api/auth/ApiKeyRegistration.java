package dev.imageservice.api.auth;

import dev.imageservice.common.apikey.ApiKeyRepository;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Registers the configured {@code tenant:key} pairs (hashed) when the API starts. Idempotent. */
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
          for (String pair : properties.keys()) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
              throw new IllegalStateException("image-service.auth.keys entries are tenant:key");
            }
            String tenant = pair.substring(0, colon).trim();
            apiKeys.register(
                handle, tenant, pair.substring(colon + 1).trim(), "configured", clock.instant());
          }
        });
    log.info("registered {} configured API key(s)", properties.keys().size());
  }
}
