package io.prazo.eventstore;

import io.prazo.events.EventTypes;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketEventJson;
import java.util.Optional;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's serializer for Prazo: ticket events are stored under their explicit type names and
 * versions ({@code io.prazo.ticket.opened}, revision {@code 2}) and read through the contract
 * module's upcasters, so the store never depends on Java class names. Everything else (snapshots,
 * tokens, metadata) is plain Jackson JSON.
 */
public class TicketEventSerializer extends JacksonSerializer {
  private final TicketEventJson events;

  public TicketEventSerializer() {
    super(JacksonSerializer.builder().objectMapper(TicketEventJson.newMapper()));
    this.events = TicketEventJson.standard();
  }

  @Override
  public SerializedType typeForClass(Class type) {
    if (type != null && TicketEvent.class.isAssignableFrom(type)) {
      EventTypes.Type eventType = EventTypes.of(type);
      return new SimpleSerializedType(eventType.name(), Integer.toString(eventType.version()));
    }
    return super.typeForClass(type);
  }

  @Override
  public Class classForType(SerializedType type) {
    Optional<EventTypes.Type> eventType = EventTypes.named(type.getName());
    return eventType.isPresent() ? eventType.get().javaType() : super.classForType(type);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S, T> T deserialize(SerializedObject<S> serializedObject) {
    SerializedType type = serializedObject.getType();
    if (EventTypes.named(type.getName()).isPresent()) {
      byte[] data = getConverter().convert(serializedObject, byte[].class).getData();
      int version = type.getRevision() == null ? 1 : Integer.parseInt(type.getRevision());
      return (T) events.read(type.getName(), version, data);
    }
    return super.deserialize(serializedObject);
  }
}
