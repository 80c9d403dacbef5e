package io.prazo.events;

import java.util.Objects;

/**
 * The principal that acted: who sent the command that caused an event.
 *
 * @param id the principal's subject ({@code sub}), not null
 * @param role the role it acted in, not null
 * @param organizationId the customer's organization; null for staff and system principals
 */
public record Actor(String id, Role role, String organizationId) {
  /** Validates the parts. */
  public Actor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
  }

  /**
   * The principal Prazo's own services act as.
   *
   * @param service the service's name, e.g. {@code sla-projector}
   * @return a system actor with no organization
   */
  public static Actor system(String service) {
    return new Actor(service, Role.SYSTEM, null);
  }
}
