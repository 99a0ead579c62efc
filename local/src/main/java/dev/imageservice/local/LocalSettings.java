package dev.imageservice.local;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The local run's settings, from the environment: {@code IMAGE_SERVICE_DATA_DIR} (default {@code
 * .local} in the current folder), {@code IMAGE_SERVICE_API_KEY}, {@code IMAGE_SERVICE_API_KEYS}
 * ({@code tenantA:<key>,tenantB:<key>}), {@code IMAGE_SERVICE_ADMIN_KEY} (the operators' key for
 * {@code /admin}, at least 16 characters), {@code IMAGE_SERVICE_PORT} (default 8080; the worker
 * takes the next port, the API's management server the one after). Tenant keys need at least 24
 * characters.
 */
record LocalSettings(
    Path dataDirectory,
    @Nullable String apiKey,
    @Nullable String apiKeys,
    @Nullable String adminKey,
    int apiPort,
    int workerPort,
    int apiManagementPort) {

  static LocalSettings fromEnvironment(Map<String, String> env) {
    Path data = Path.of(env.getOrDefault("IMAGE_SERVICE_DATA_DIR", ".local"));
    int port = Integer.parseInt(env.getOrDefault("IMAGE_SERVICE_PORT", "8080"));
    return new LocalSettings(
        data,
        blankToNull(env.get("IMAGE_SERVICE_API_KEY")),
        blankToNull(env.get("IMAGE_SERVICE_API_KEYS")),
        blankToNull(env.get("IMAGE_SERVICE_ADMIN_KEY")),
        port,
        port + 1,
        port + 2);
  }

  Path endpointsFile() {
    return dataDirectory.resolve("endpoints.properties");
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
