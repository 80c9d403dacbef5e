package io.prazo.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Sample events built from the records' components, so that a component added to an event makes the
 * contract tests look at it: a component of a type this class does not know fails loudly.
 */
final class EventSamples {

  static final Instant AT = Instant.parse("2025-05-02T22:30:00.123456789Z");

  /**
   * The components documented "may be null" (by Java name), per record. Every other component of a
   * reference type is never null and so required in the schema.
   */
  static final Map<Class<? extends Record>, Set<String>> NULLABLE =
      Map.of(
          Requester.class, Set.of("email"),
          TicketOpened.class, Set.of("product", "severity", "impact", "urgency"),
          PriorityChanged.class, Set.of("agreedWith"),
          TicketEscalated.class, Set.of("metric", "note"),
          ResolutionApproved.class, Set.of("comment"),
          ResolutionRejected.class, Set.of("comment"),
          SurveyAnswered.class, Set.of("comment"),
          TicketCancelled.class, Set.of("reason"));

  private EventSamples() {}

  /** Whether a component may be null, as {@link #NULLABLE} says. */
  static boolean nullable(RecordComponent component) {
    return NULLABLE
        .getOrDefault(component.getDeclaringRecord(), Set.of())
        .contains(component.getName());
  }

  /** The name Jackson writes a component under. */
  static String jsonName(RecordComponent component) {
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    return property == null || property.value().isEmpty() ? component.getName() : property.value();
  }

  /** How many full samples of a record it takes to show every constant of each enum component. */
  static int variants(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .mapToInt(c -> variantsOf(c.getType()))
        .max()
        .orElse(1);
  }

  /** Full samples of every event type: every component set, every enum constant once at least. */
  static List<TicketEvent> allFull() {
    return EventTypes.all().stream()
        .flatMap(
            t ->
                IntStream.range(0, variants(t.javaType()))
                    .mapToObj(v -> (TicketEvent) full(t.javaType(), v)))
        .toList();
  }

  /** One sparse sample of every event type: every nullable component null. */
  static List<TicketEvent> allSparse() {
    return EventTypes.all().stream().map(t -> (TicketEvent) sparse(t.javaType())).toList();
  }

  /** A record with every component set; {@code variant} picks enum constants and values. */
  static <R> R full(Class<R> record, int variant) {
    return build(record, variant, false);
  }

  /** A record with every nullable component null and the others set. */
  static <R> R sparse(Class<R> record) {
    return build(record, 0, true);
  }

  private static <R> R build(Class<R> record, int variant, boolean sparse) {
    if (!record.isRecord()) {
      throw new IllegalArgumentException(record + " is not a record");
    }
    RecordComponent[] components = record.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      values[i] =
          sparse && nullable(c) ? null : value(c.getName(), c.getGenericType(), variant, sparse);
    }
    try {
      Constructor<R> constructor = record.getDeclaredConstructor(types);
      return constructor.newInstance(values);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot build " + record.getSimpleName(), e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot build " + record.getSimpleName(), e.getCause());
    }
  }

  private static Object value(String name, Type type, int variant, boolean sparse) {
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
      return variant % 2 == 0;
    }
    if (type instanceof Class<?> c && c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      return constants[variant % constants.length];
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      return build(c, variant, sparse);
    }
    if (type instanceof ParameterizedType p
        && p.getRawType() == Map.class
        && p.getActualTypeArguments()[0] == String.class
        && p.getActualTypeArguments()[1] == Integer.class) {
      return Map.of(name + "-" + variant, 1 + variant);
    }
    throw new IllegalStateException(
        "EventSamples knows no sample value for component " + name + " of type " + type);
  }

  private static int variantsOf(Class<?> type) {
    if (type.isEnum()) {
      return type.getEnumConstants().length;
    }
    if (type.isRecord()) {
      return variants(type);
    }
    return 1;
  }
}
