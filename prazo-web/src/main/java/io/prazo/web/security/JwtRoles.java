package io.prazo.web.security;

import io.prazo.events.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Reads Prazo's claims ({@code sub}, {@code roles}, {@code org}) from a JWT. */
public final class JwtRoles {
  public static final String ROLES_CLAIM = "roles";
  public static final String ORG_CLAIM = "org";

  private JwtRoles() {}

  public static Set<Role> roles(Jwt jwt) {
    Object claim = jwt.getClaims().get(ROLES_CLAIM);
    List<String> names = new ArrayList<>();
    if (claim instanceof Collection<?> values) {
      values.forEach(v -> names.add(String.valueOf(v)));
    } else if (claim instanceof String value) {
      for (String part : value.split("[ ,]+")) {
        names.add(part);
      }
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      try {
        roles.add(Role.fromWire(name));
      } catch (IllegalArgumentException unknownRole) {
        // a role another system grants means nothing to Prazo
      }
    }
    return roles;
  }

  public static Collection<GrantedAuthority> authorities(Jwt jwt) {
    return roles(jwt).stream()
        .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.name()))
        .toList();
  }

  public static Caller caller(Jwt jwt) {
    return new Caller(jwt.getSubject(), roles(jwt), jwt.getClaimAsString(ORG_CLAIM));
  }
}
