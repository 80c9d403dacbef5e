package io.prazo.eventstore;

import java.util.Objects;

/**
 * Marks a streaming processor that sends events out of Prazo (a publisher) instead of keeping a
 * read model. Declared as a bean beside the processor; {@link Projections} reports it as outbound
 * and does not count it among the read models the test clock waits for.
 *
 * @param name the processor's name
 */
public record OutboundProcessor(String name) {
  public OutboundProcessor {
    Objects.requireNonNull(name, "name");
  }
}
