package io.prazo.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the stored JSON of one event type from one version into the next. Upcasters are pure
 * functions of the JSON: stored events are never rewritten, they are upcast every time they load.
 */
public interface EventUpcaster {

  /**
   * The event type this upcaster reads.
   *
   * @return the stable type name, not null
   */
  String typeName();

  /**
   * The version it reads; it writes {@code fromVersion() + 1}.
   *
   * @return the version read, 1 or more
   */
  int fromVersion();

  /**
   * Upcasts one event's data.
   *
   * @param data the event's JSON at {@link #fromVersion()}; the upcaster may change it in place
   * @return the JSON at the next version, not null
   */
  ObjectNode upcast(ObjectNode data);
}
