package io.prazo.web.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's rule for header names and values (every character assigned, none a control
 * character), checked with a loop instead of the default Unicode regular expression: the firewall
 * checks every header each time headers are read, and a bearer token is hundreds of characters.
 */
public final class HeaderRules {
  private HeaderRules() {}

  /** Accepts text whose every code point is assigned and is not a control character. */
  public static final Predicate<String> PRINTABLE =
      value -> {
        for (int i = 0; i < value.length(); ) {
          int codePoint = value.codePointAt(i);
          if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
            return false;
          }
          i += Character.charCount(codePoint);
        }
        return true;
      };

  /** Spring Security's strict firewall with the faster, equivalent header rules. */
  public static StrictHttpFirewall firewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderNames(PRINTABLE);
    firewall.setAllowedHeaderValues(PRINTABLE);
    return firewall;
  }
}
