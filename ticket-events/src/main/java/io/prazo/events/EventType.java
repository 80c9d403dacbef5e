package io.prazo.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The explicit, versioned name of an event type. Stored with every event and published to
 * consumers, so a Java class can be renamed or moved without breaking the store or the topic.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
  /**
   * The stable type name, e.g. {@code io.prazo.ticket.opened}.
   *
   * @return the name, never changed once released
   */
  String name();

  /**
   * The schema version of the current shape; raised with an upcaster from the previous one.
   *
   * @return the version, 1 or more
   */
  int version() default 1;
}
