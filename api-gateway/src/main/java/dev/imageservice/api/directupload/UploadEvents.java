package dev.imageservice.api.directupload;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the object keys out of an S3 event notification as S3 delivers it to SQS directly ({@code
 * {"Records": [{"eventName": "ObjectCreated:Put", "s3": {"object": {"key": ...}}}]}}). Keys arrive
 * URL-encoded (a space as {@code +}). The {@code s3:TestEvent} S3 sends when the notification is
 * configured, and anything unreadable, has no keys. Stateless.
 */
final class UploadEvents {

  private UploadEvents() {}

  static List<String> createdKeys(JsonMapper json, String body) {
    List<String> keys = new ArrayList<>();
    try {
      JsonNode records = json.readTree(body).path("Records");
      for (JsonNode record : records) {
        String event = record.path("eventName").asString("");
        String key = record.path("s3").path("object").path("key").asString("");
        if (event.startsWith("ObjectCreated:") && !key.isEmpty()) {
          keys.add(URLDecoder.decode(key, StandardCharsets.UTF_8));
        }
      }
    } catch (JacksonException | IllegalArgumentException e) {
      return List.of();
    }
    return keys;
  }
}
