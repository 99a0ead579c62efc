package dev.imageservice.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The API keys of the local run: {@code IMAGE_SERVICE_API_KEY} for the tenant {@code default}, plus
 * any {@code IMAGE_SERVICE_API_KEYS} pairs. When neither is set a key is generated once, kept in
 * the data folder (so a restart keeps it) and printed. The admin key for {@code /admin} comes from
 * {@code IMAGE_SERVICE_ADMIN_KEY}, or is generated the same way into {@code generated-admin-key}.
 */
record ApiKeys(List<String> pairs, String adminKey, String shown) {

  static final String DEFAULT_TENANT = "default";
  private static final SecureRandom RANDOM = new SecureRandom();

  static ApiKeys resolve(LocalSettings settings) {
    List<String> pairs = new ArrayList<>();
    String shown;
    if (settings.apiKey() != null) {
      pairs.add(DEFAULT_TENANT + ":" + settings.apiKey());
      shown = "from IMAGE_SERVICE_API_KEY";
    } else if (settings.apiKeys() != null) {
      shown = "from IMAGE_SERVICE_API_KEYS";
    } else {
      String generated = generatedKey(settings.dataDirectory().resolve("generated-api-key"));
      pairs.add(DEFAULT_TENANT + ":" + generated);
      shown = generated + " (generated; set IMAGE_SERVICE_API_KEY to choose one)";
    }
    String extraKeys = settings.apiKeys();
    if (extraKeys != null) {
      for (String pair : extraKeys.split(",")) {
        if (!pair.isBlank()) {
          pairs.add(pair.trim());
        }
      }
    }
    String adminKey = settings.adminKey();
    if (adminKey != null) {
      shown += "; admin key from IMAGE_SERVICE_ADMIN_KEY";
    } else {
      adminKey = generatedKey(settings.dataDirectory().resolve("generated-admin-key"));
      shown +=
          "; admin key: " + adminKey + " (generated; set IMAGE_SERVICE_ADMIN_KEY to choose one)";
    }
    return new ApiKeys(List.copyOf(pairs), adminKey, shown);
  }

  Map<String, Object> springProperties() {
    return Map.of(
        "image-service.auth.keys", String.join(",", pairs), "image-service.admin.keys", adminKey);
  }

  String describe() {
    return shown;
  }

  private static String generatedKey(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] random = new byte[24];
      RANDOM.nextBytes(random);
      String key = "isk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Path folder = file.toAbsolutePath().getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
      Files.writeString(file, key);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
