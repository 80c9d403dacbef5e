package io.prazo.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of event type names and versions, read once from the {@link EventType} annotations
 * on every {@link TicketEvent}. Immutable and thread-safe.
 */
public final class EventTypes {

  /**
   * A named, versioned event type.
   *
   * @param name the stable name, e.g. {@code io.prazo.ticket.opened}
   * @param version the current schema version
   * @param javaType the record that carries it
   */
  public record Type(String name, int version, Class<? extends TicketEvent> javaType) {
    /**
     * The CloudEvents {@code type}, the name with its version, e.g. {@code
     * io.prazo.ticket.opened.v2}.
     *
     * @return the versioned name
     */
    public String versionedName() {
      return name + ".v" + version;
    }
  }

  private static final List<Type> ALL =
      Arrays.stream(TicketEvent.class.getPermittedSubclasses()).map(EventTypes::describe).toList();
  private static final Map<String, Type> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Type::name, Function.identity()));
  private static final Map<Class<?>, Type> BY_CLASS =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Type::javaType, Function.identity()));

  private EventTypes() {}

  /**
   * Every event type.
   *
   * @return an immutable list, in the order {@link TicketEvent} permits them
   */
  public static List<Type> all() {
    return ALL;
  }

  /**
   * The type of an event class.
   *
   * @param eventClass a {@link TicketEvent} record class
   * @return its type, never null
   * @throws IllegalArgumentException if the class is not a ticket event
   */
  public static Type of(Class<?> eventClass) {
    Type type = BY_CLASS.get(eventClass);
    if (type == null) {
      throw new IllegalArgumentException("not a ticket event: " + eventClass.getName());
    }
    return type;
  }

  /**
   * The type with a name.
   *
   * @param name the stable name
   * @return the type, or empty when no ticket event has that name
   */
  public static Optional<Type> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  @SuppressWarnings("unchecked")
  private static Type describe(Class<?> permitted) {
    EventType annotation = permitted.getAnnotation(EventType.class);
    if (annotation == null) {
      throw new IllegalStateException(permitted.getName() + " has no @EventType");
    }
    if (annotation.version() < 1) {
      throw new IllegalStateException(permitted.getName() + " has a version below 1");
    }
    return new Type(
        annotation.name(), annotation.version(), (Class<? extends TicketEvent>) permitted);
  }
}
