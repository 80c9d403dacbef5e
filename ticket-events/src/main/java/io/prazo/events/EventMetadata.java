package io.prazo.events;

import java.util.Objects;

/**
 * What every event records besides its data: who acted and why.
 *
 * @param actor the acting principal, not null
 * @param correlationId the id shared by everything one request caused, not null
 * @param causationId the id of the command or event this event came from, not null
 */
public record EventMetadata(Actor actor, String correlationId, String causationId) {
  /** Validates the parts. */
  public EventMetadata {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(causationId, "causationId");
  }
}
