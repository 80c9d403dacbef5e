package io.prazo.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The roles a principal may hold; on the wire (JWT {@code roles} claim, JSON) in lower case. */
public enum Role {
  /** A person of a customer organization. */
  CUSTOMER,
  /** A support analyst. */
  AGENT,
  /** A support supervisor. */
  SUPERVISOR,
  /** Reads everything, writes nothing. */
  AUDITOR,
  /** Prazo's own services, such as the SLA projector. */
  SYSTEM;

  /**
   * The wire name.
   *
   * @return the role's name in lower case, never null
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, in any case.
   *
   * @param value the name, not null
   * @return the role
   * @throws IllegalArgumentException if no role has that name
   */
  @JsonCreator
  public static Role fromWire(String value) {
    return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
