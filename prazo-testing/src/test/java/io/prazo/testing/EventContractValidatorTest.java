package io.prazo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.events.Actor;
import io.prazo.events.CloudEventJson;
import io.prazo.events.EventContract;
import io.prazo.events.EventMetadata;
import io.prazo.events.EventTypes;
import io.prazo.events.Role;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketEventEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every event type, built reflectively from its record's components and written the way Prazo
 * publishes it, keeps the published JSON Schemas; a component added to a record without its schema
 * (or a schema that drifts from the record) fails here.
 */
class EventContractValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2025-05-02T22:30:00.123456Z");
  private static final String SOURCE = "/prazo/ticket-command";

  private final EventContractValidator validator = new EventContractValidator();
  private final CloudEventJson cloudEvents = CloudEventJson.standard();

  @Test
  void everyEventTypeWithEveryComponentSetKeepsTheContract() {
    for (EventTypes.Type type : EventTypes.all()) {
      for (int variant = 0; variant < variants(type.javaType()); variant++) {
        TicketEvent event = build(type.javaType(), schemaOf(type), variant, false);
        assertValid(event, new Actor("c-1", Role.CUSTOMER, "acme"), variant);
        assertThat(data(event).size())
            .as("%s writes every component", type.versionedName())
            .isEqualTo(type.javaType().getRecordComponents().length);
      }
    }
  }

  @Test
  void everyEventTypeWithEveryNullableComponentNullKeepsTheContract() {
    for (EventTypes.Type type : EventTypes.all()) {
      TicketEvent event = build(type.javaType(), schemaOf(type), 0, true);
      assertValid(event, Actor.system("sla-projector"), 0);
    }
  }

  @Test
  void refusesAFieldTheSchemaDoesNotDescribe() {
    for (EventTypes.Type type : EventTypes.all()) {
      TicketEvent event = build(type.javaType(), schemaOf(type), 0, false);
      assertRejected(event, e -> data(e).put("surprise", "!"), "surprise");
    }
    assertRejected(
        sample("io.prazo.ticket.opened"),
        e -> ((ObjectNode) data(e).get("requester")).put("phone", "555"),
        "phone");
  }

  @Test
  void refusesAMissingRequiredField() {
    for (EventTypes.Type type : EventTypes.all()) {
      TicketEvent event = build(type.javaType(), schemaOf(type), 0, false);
      for (JsonNode required : schemaOf(type).path("required")) {
        assertRejected(event, e -> data(e).remove(required.asText()), required.asText());
      }
    }
  }

  @Test
  void refusesAValueOutsideAnEnum() {
    int checked = 0;
    for (EventTypes.Type type : EventTypes.all()) {
      TicketEvent event = build(type.javaType(), schemaOf(type), 0, false);
      var properties = schemaOf(type).path("properties").fields();
      while (properties.hasNext()) {
        var property = properties.next();
        if (property.getValue().has("enum")) {
          String name = property.getKey();
          assertRejected(event, e -> data(e).put(name, "NOT_A_VALUE"), name);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(5);
    assertRejected(
        sample("io.prazo.ticket.paused"), e -> e.put("actorrole", "janitor"), "actorrole");
  }

  @Test
  void refusesASequenceThatIsNoInteger() {
    TicketEvent event = sample("io.prazo.ticket.paused");
    assertRejected(event, e -> e.put("sequence", "3"), "sequence");
    assertRejected(event, e -> e.put("sequence", 3.5), "sequence");
    assertRejected(event, e -> e.put("sequence", -1), "sequence");
  }

  @Test
  void refusesBrokenEnvelopes() {
    TicketEvent event = sample("io.prazo.ticket.paused");
    assertRejected(event, e -> e.put("specversion", "0.3"), "specversion");
    assertRejected(event, e -> e.remove("id"), "id");
    assertRejected(event, e -> e.put("time", "yesterday"), "time");
    assertRejected(event, e -> data(e).put("occurredAt", "yesterday"), "occurredAt");
    assertRejected(event, e -> e.put("type", "io.prazo.ticket.teleported.v1"), "teleported");
    assertRejected(event, e -> e.put("subject", "another-ticket"), "subject");
    assertThat(validator.validate("{".getBytes())).isNotEmpty();
  }

  private void assertValid(TicketEvent event, Actor actor, long sequence) {
    byte[] value = write(event, actor, sequence);
    assertThat(validator.validate(value))
        .as("%s is valid: %s", EventTypes.of(event.getClass()).versionedName(), new String(value))
        .isEmpty();
  }

  private void assertRejected(TicketEvent event, Consumer<ObjectNode> change, String mentioning) {
    ObjectNode tree = tree(write(event, new Actor("a-1", Role.AGENT, null), 5));
    change.accept(tree);
    byte[] value;
    try {
      value = JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(validator.validate(value))
        .as("%s is rejected", tree)
        .isNotEmpty()
        .anySatisfy(violation -> assertThat(violation).contains(mentioning));
  }

  private byte[] write(TicketEvent event, Actor actor, long sequence) {
    TicketEventEnvelope envelope =
        new TicketEventEnvelope(
            "evt-" + sequence, sequence, new EventMetadata(actor, "corr-1", "cmd-1"), event);
    return cloudEvents.write(envelope, SOURCE);
  }

  private static ObjectNode data(ObjectNode cloudEvent) {
    return (ObjectNode) cloudEvent.get("data");
  }

  private ObjectNode data(TicketEvent event) {
    return data(tree(write(event, Actor.system("x"), 0)));
  }

  private static ObjectNode tree(byte[] json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TicketEvent sample(String typeName) {
    EventTypes.Type type = EventTypes.named(typeName).orElseThrow();
    return build(type.javaType(), schemaOf(type), 0, false);
  }

  private static JsonNode schemaOf(EventTypes.Type type) {
    try (InputStream in = EventContract.schema(type).openStream()) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- instances built from the record components ----

  /** How many instances it takes to use every constant of every enum component once. */
  private static int variants(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .map(RecordComponent::getType)
        .mapToInt(t -> t.isEnum() ? t.getEnumConstants().length : t.isRecord() ? variants(t) : 1)
        .max()
        .orElse(1);
  }

  /**
   * An instance of a record with every component set; or, when {@code sparse}, with every component
   * the schema does not require set to null (primitives keep a value).
   */
  private static <T> T build(Class<T> record, JsonNode schema, int variant, boolean sparse) {
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(n -> required.add(n.asText()));
    RecordComponent[] components = record.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String name = jsonName(c);
      types[i] = c.getType();
      boolean leaveOut = sparse && !c.getType().isPrimitive() && !required.contains(name);
      values[i] =
          leaveOut
              ? null
              : value(
                  c.getName(),
                  c.getGenericType(),
                  schema.path("properties").path(name),
                  variant,
                  sparse);
    }
    try {
      return record.getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot build " + record.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + record.getSimpleName(), e);
    }
  }

  private static Object value(
      String name, Type type, JsonNode schema, int variant, boolean sparse) {
    if (type == String.class) {
      return name + "-" + variant;
    }
    if (type == Instant.class) {
      return AT.plusSeconds(variant);
    }
    if (type == int.class) {
      return 1 + variant % 5;
    }
    if (type == long.class) {
      return 1L + variant;
    }
    if (type == boolean.class) {
      return variant % 2 == 1;
    }
    if (type instanceof Class<?> c && c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      return constants[variant % constants.length];
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      return build(c, schema, variant, sparse);
    }
    if (type instanceof ParameterizedType p
        && p.getRawType() == Map.class
        && p.getActualTypeArguments()[0] == String.class
        && p.getActualTypeArguments()[1] == Integer.class) {
      return Map.of(name + "-" + variant, 1 + variant);
    }
    throw new IllegalStateException(
        "no sample value for component " + name + " of type " + type + ": teach this test");
  }

  private static String jsonName(RecordComponent component) {
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    return property == null || property.value().isEmpty() ? component.getName() : property.value();
  }
}
