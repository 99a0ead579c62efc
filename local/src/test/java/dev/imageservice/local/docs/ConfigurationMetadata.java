package dev.imageservice.local.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our settings as Spring Boot's configuration processor describes them: every {@code
 * image-service.*} property in the {@code META-INF/spring-configuration-metadata.json} of common,
 * api-gateway and thumbnail-worker on the classpath, with the services that read it. Immutable.
 */
record ConfigurationMetadata(Map<String, Property> properties) {

  static final String PREFIX = "image-service.";

  /** One key; {@code services} is sorted and names the services whose records declare it. */
  record Property(
      String name, String type, String description, String sourceType, List<String> services) {}

  static ConfigurationMetadata load() {
    Map<String, Property> properties = new TreeMap<>();
    JsonMapper json = JsonMapper.builder().build();
    try {
      for (URL url :
          Collections.list(
              ConfigurationMetadata.class
                  .getClassLoader()
                  .getResources("META-INF/spring-configuration-metadata.json"))) {
        try (InputStream in = url.openStream()) {
          for (JsonNode p : json.readTree(in).path("properties")) {
            String name = p.path("name").asString();
            String source = p.path("sourceType").asString("");
            if (name.startsWith(PREFIX) && source.startsWith("dev.imageservice.")) {
              properties.merge(
                  name,
                  new Property(
                      name,
                      p.path("type").asString(""),
                      p.path("description").asString(""),
                      source,
                      services(source)),
                  ConfigurationMetadata::union);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ConfigurationMetadata(properties);
  }

  /** True when the name is a key, or a group some key is under (e.g. image-service.render). */
  boolean declares(String name) {
    return properties.containsKey(name)
        || properties.keySet().stream().anyMatch(k -> k.startsWith(name + "."));
  }

  private static List<String> services(String sourceType) {
    if (sourceType.startsWith("dev.imageservice.api.")) {
      return List.of("api-gateway");
    }
    if (sourceType.startsWith("dev.imageservice.worker.")) {
      return List.of("thumbnail-worker");
    }
    return List.of("api-gateway", "thumbnail-worker");
  }

  // The same key in both services (e.g. storage.thumbnails-bucket): one row naming both, with
  // each service's description when they differ.
  private static Property union(Property a, Property b) {
    List<String> services =
        java.util.stream.Stream.concat(a.services().stream(), b.services().stream())
            .distinct()
            .sorted()
            .toList();
    String description =
        a.description().equals(b.description()) || b.description().isEmpty()
            ? a.description()
            : a.description().isEmpty()
                ? b.description()
                : a.services().getFirst()
                    + ": "
                    + a.description()
                    + "; "
                    + b.services().getFirst()
                    + ": "
                    + b.description();
    return new Property(a.name(), a.type(), description, a.sourceType(), services);
  }
}
