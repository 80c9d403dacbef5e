package io.prazo.web.security;

import io.prazo.events.Role;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated principal of a request, read from its bearer token.
 *
 * @param id the token's subject
 * @param roles the Prazo roles the token grants (unknown role names are dropped)
 * @param organizationId the customer's organization ({@code org} claim), or null
 */
public record Caller(String id, Set<Role> roles, String organizationId) {
  public Caller {
    Objects.requireNonNull(id, "id");
    roles = Set.copyOf(roles);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean hasAny(Role... wanted) {
    for (Role role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }
}
