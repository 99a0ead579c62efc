package dev.imageservice.common.event;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of events, shared by publishers and consumers so that both sides agree on
 * the wire format. Unknown fields are ignored (events evolve by adding fields). Thread-safe.
 */
public final class EventJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private EventJson() {}

  public static String write(ImageEvent event) {
    return MAPPER.writeValueAsString(event);
  }

  /**
   * Reads an event of the expected type.
   *
   * @throws MalformedEventException when the text is not JSON of that event
   */
  public static <T extends ImageEvent> T read(String json, Class<T> type) {
    try {
      T event = MAPPER.readValue(json, type);
      if (event.jobId() == null || event.tenantId() == null) {
        throw new MalformedEventException("event without jobId or tenantId");
      }
      return event;
    } catch (tools.jackson.core.JacksonException e) {
      throw new MalformedEventException(e.getOriginalMessage());
    }
  }
}
