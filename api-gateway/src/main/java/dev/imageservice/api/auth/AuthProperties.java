package dev.imageservice.api.auth;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * API-key settings.
 *
 * @param keys {@code tenant:key} pairs registered (hashed) at start; the local default fills it
 *     from {@code IMAGE_SERVICE_API_KEY} and {@code IMAGE_SERVICE_API_KEYS}. In production keys
 *     come from the mounted secret.
 */
@Validated
@ConfigurationProperties("image-service.auth")
public record AuthProperties(@NotNull List<String> keys) {

  public AuthProperties {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }
}
