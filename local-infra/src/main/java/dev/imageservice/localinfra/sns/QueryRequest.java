package dev.imageservice.localinfra.sns;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one awsQuery request ({@code application/x-www-form-urlencoded}, flattened
 * lists and maps such as {@code Attributes.entry.1.key}). Immutable after parsing, so thread-safe.
 */
final class QueryRequest {

  private final Map<String, String> params;

  private QueryRequest(Map<String, String> params) {
    this.params = params;
  }

  static QueryRequest parse(String form) {
    Map<String, String> params = new HashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(key), decode(value));
    }
    return new QueryRequest(params);
  }

  String action() {
    return params.get("Action");
  }

  String optional(String name) {
    return params.get(name);
  }

  String required(String name) {
    String value = params.get(name);
    if (value == null || value.isEmpty()) {
      throw SnsError.invalidParameter(name + " is required");
    }
    return value;
  }

  /** A view of the parameters under {@code prefix} (which ends with a dot), prefix removed. */
  QueryRequest under(String prefix) {
    Map<String, String> nested = new HashMap<>();
    params.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            nested.put(k.substring(prefix.length()), v);
          }
        });
    return new QueryRequest(nested);
  }

  /** The members of a flattened list such as {@code PublishBatchRequestEntries.member.N.}. */
  Iterable<QueryRequest> members(String listPrefix) {
    Pattern index = Pattern.compile("^" + Pattern.quote(listPrefix) + "(\\d+)\\.");
    TreeSet<Integer> indices = new TreeSet<>();
    for (String key : params.keySet()) {
      Matcher m = index.matcher(key);
      if (m.find()) {
        indices.add(Integer.parseInt(m.group(1)));
      }
    }
    return indices.stream().map(i -> under(listPrefix + i + ".")).toList();
  }

  /** A flattened map such as {@code Attributes.entry.N.key} / {@code Attributes.entry.N.value}. */
  Map<String, String> stringMap(String mapName) {
    Map<String, String> result = new LinkedHashMap<>();
    for (QueryRequest entry : members(mapName + ".entry.")) {
      result.put(entry.required("key"), entry.params.getOrDefault("value", ""));
    }
    return result;
  }

  /** SNS message attributes ({@code MessageAttributes.entry.N.Name} and {@code .Value.*}). */
  Map<String, MessageAttribute> messageAttributes() {
    Map<String, MessageAttribute> result = new LinkedHashMap<>();
    for (QueryRequest entry : members("MessageAttributes.entry.")) {
      String name = entry.required("Name");
      String type = entry.required("Value.DataType");
      String base = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
      MessageAttribute attribute =
          switch (base) {
            case "String", "Number" ->
                new MessageAttribute(type, entry.required("Value.StringValue"), null);
            case "Binary" -> new MessageAttribute(type, null, entry.required("Value.BinaryValue"));
            default ->
                throw SnsError.invalidParameter(
                    "Unsupported DataType " + type + " of message attribute " + name);
          };
      result.put(name, attribute);
    }
    return result;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /**
   * One message attribute; {@code binaryValue} is kept base64-encoded, as the SDK sends it and as
   * the SNS JSON envelope carries it.
   */
  record MessageAttribute(String dataType, String stringValue, String binaryValue) {}
}
