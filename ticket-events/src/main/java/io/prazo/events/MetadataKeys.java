package io.prazo.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link EventMetadata} is written as a flat map of strings beside each stored event (and as
 * message headers), and read back.
 */
public final class MetadataKeys {
  /** The acting principal's id. */
  public static final String ACTOR_ID = "actorId";

  /** The acting principal's role, in wire form. */
  public static final String ACTOR_ROLE = "actorRole";

  /** The acting customer's organization; absent for staff and system principals. */
  public static final String ACTOR_ORGANIZATION = "actorOrganization";

  /** The correlation id. */
  public static final String CORRELATION_ID = "correlationId";

  /** The causation id. */
  public static final String CAUSATION_ID = "causationId";

  private MetadataKeys() {}

  /**
   * The flat form of an actor and a correlation id, as a command carries them.
   *
   * @param actor the acting principal, not null
   * @param correlationId the correlation id, not null
   * @param causationId what caused the command, or null when a person sent it
   * @return a new mutable map without null values
   */
  public static Map<String, String> forCommand(
      Actor actor, String correlationId, String causationId) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(ACTOR_ID, actor.id());
    map.put(ACTOR_ROLE, actor.role().wireName());
    if (actor.organizationId() != null) {
      map.put(ACTOR_ORGANIZATION, actor.organizationId());
    }
    map.put(CORRELATION_ID, correlationId);
    if (causationId != null) {
      map.put(CAUSATION_ID, causationId);
    }
    return map;
  }

  /**
   * Reads the metadata of a stored event.
   *
   * @param map the flat form, not null
   * @return the metadata
   * @throws IllegalArgumentException when a required key is missing or the role is unknown
   */
  public static EventMetadata read(Map<String, ?> map) {
    return new EventMetadata(
        new Actor(
            required(map, ACTOR_ID),
            Role.fromWire(required(map, ACTOR_ROLE)),
            map.get(ACTOR_ORGANIZATION) == null ? null : map.get(ACTOR_ORGANIZATION).toString()),
        required(map, CORRELATION_ID),
        required(map, CAUSATION_ID));
  }

  private static String required(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      throw new IllegalArgumentException("event metadata without " + key);
    }
    return value.toString();
  }
}
