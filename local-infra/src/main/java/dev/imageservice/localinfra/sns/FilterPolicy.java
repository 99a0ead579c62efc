package dev.imageservice.localinfra.sns;

import dev.imageservice.localinfra.sns.QueryRequest.MessageAttribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subset of SNS subscription filter policies the local endpoint supports: message-attribute
 * scope, exact string matches, {@code {"attribute": ["value", ...], ...}}. A message passes when
 * every attribute named in the policy is present with one of the listed values. Immutable.
 */
record FilterPolicy(Map<String, List<String>> allowed) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  FilterPolicy {
    allowed = Map.copyOf(allowed);
  }

  /** Parses a policy; an empty text removes the policy (null). */
  static FilterPolicy parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(json);
      Map<String, List<String>> allowed = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        if (!entry.getValue().isArray()) {
          throw unsupported();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : entry.getValue()) {
          if (!value.isString()) {
            throw unsupported();
          }
          values.add(value.asString());
        }
        allowed.put(entry.getKey(), values);
      }
      return new FilterPolicy(allowed);
    } catch (JacksonException e) {
      throw SnsError.invalidParameter("Invalid parameter: FilterPolicy: not JSON");
    }
  }

  boolean accepts(Map<String, MessageAttribute> attributes) {
    for (Map.Entry<String, List<String>> rule : allowed.entrySet()) {
      MessageAttribute attribute = attributes.get(rule.getKey());
      if (attribute == null || !rule.getValue().contains(attribute.stringValue())) {
        return false;
      }
    }
    return true;
  }

  private static RuntimeException unsupported() {
    return SnsError.invalidParameter(
        "Invalid parameter: FilterPolicy: only {\"attribute\": [\"exact\", ...]} is supported locally");
  }
}
