package io.prazo.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.prazo.events.upcast.TicketOpenedV1ToV2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JSON form of ticket events: how they are stored and published. Reading applies every upcaster
 * from the stored version to the current one. Immutable and thread-safe.
 */
public final class TicketEventJson {

  private static final List<EventUpcaster> UPCASTERS = List.of(new TicketOpenedV1ToV2());

  private final ObjectMapper mapper;
  private final Map<String, EventUpcaster> upcasters;

  private TicketEventJson(ObjectMapper mapper, List<EventUpcaster> upcasters) {
    this.mapper = mapper;
    this.upcasters =
        upcasters.stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    u -> key(u.typeName(), u.fromVersion()), Function.identity()));
  }

  /**
   * The codec with Prazo's upcasters.
   *
   * @return a shared, thread-safe codec
   */
  public static TicketEventJson standard() {
    return Holder.STANDARD;
  }

  /**
   * A mapper configured the way events are written: ISO-8601 instants, no nulls, unknown fields
   * ignored on read (a newer producer may add optional fields).
   *
   * @return a new mapper
   */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  /**
   * Writes an event's data, without its type, which is stored beside it.
   *
   * @param event the event, not null
   * @return UTF-8 JSON
   */
  public byte[] write(TicketEvent event) {
    try {
      return mapper.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName(), e);
    }
  }

  /**
   * An event's data as a JSON tree.
   *
   * @param event the event, not null
   * @return a new tree
   */
  public ObjectNode toTree(TicketEvent event) {
    return mapper.valueToTree(event);
  }

  /**
   * Reads stored event data of any version, upcasting it to the current shape.
   *
   * @param typeName the stored type name
   * @param version the stored version
   * @param json the stored data
   * @return the event in its current shape
   * @throws IllegalArgumentException for an unknown type, a version newer than this code knows, a
   *     missing upcaster or data that does not parse
   */
  public TicketEvent read(String typeName, int version, byte[] json) {
    try {
      JsonNode tree = mapper.readTree(json);
      if (!(tree instanceof ObjectNode object)) {
        throw new IllegalArgumentException(typeName + " v" + version + " data is not an object");
      }
      return read(typeName, version, object);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + typeName + " v" + version, e);
    }
  }

  /**
   * Reads event data given as a tree; the tree may be changed by upcasters.
   *
   * @param typeName the stored type name
   * @param version the stored version
   * @param data the stored data
   * @return the event in its current shape
   */
  public TicketEvent read(String typeName, int version, ObjectNode data) {
    EventTypes.Type type =
        EventTypes.named(typeName)
            .orElseThrow(() -> new IllegalArgumentException("unknown event type " + typeName));
    if (version > type.version()) {
      throw new IllegalArgumentException(
          typeName + " v" + version + " is newer than this code (v" + type.version() + ")");
    }
    ObjectNode current = data;
    for (int v = version; v < type.version(); v++) {
      EventUpcaster upcaster = upcasters.get(key(typeName, v));
      if (upcaster == null) {
        throw new IllegalArgumentException("no upcaster for " + typeName + " v" + v);
      }
      current = upcaster.upcast(current);
    }
    try {
      return mapper.treeToValue(current, type.javaType());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot read " + typeName + " v" + version, e);
    }
  }

  /**
   * The mapper this codec writes with, for envelopes that embed event data.
   *
   * @return the shared mapper; do not reconfigure it
   */
  public ObjectMapper mapper() {
    return mapper;
  }

  private static String key(String typeName, int version) {
    return typeName + "#" + version;
  }

  private static final class Holder {
    private static final TicketEventJson STANDARD = new TicketEventJson(newMapper(), UPCASTERS);
  }
}
