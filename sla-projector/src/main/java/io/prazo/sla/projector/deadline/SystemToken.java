package io.prazo.sla.projector.deadline;

import io.prazo.events.Role;
import io.prazo.web.security.DevTokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bearer token the projector sends: signed here by the development issuer when this JVM has one
 * (standalone), renewed a minute before it expires; otherwise the configured {@code
 * prazo.sla.projector.command-token}.
 */
public final class SystemToken implements Supplier<String> {
  /** The principal the projector's commands are recorded under. */
  public static final String SUBJECT = "sla-projector";

  private final DevTokenIssuer issuer;
  private final String fixed;
  private final Clock realClock = Clock.systemUTC();
  private DevTokenIssuer.IssuedToken current;

  private SystemToken(DevTokenIssuer issuer, String fixed) {
    this.issuer = issuer;
    this.fixed = fixed;
  }

  /** Tokens signed by the in-JVM development issuer. */
  public static SystemToken issuedBy(DevTokenIssuer issuer) {
    return new SystemToken(issuer, null);
  }

  /** A token given by configuration. */
  public static SystemToken fixed(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalStateException(
          "sla-projector needs a system token to call ticket-command: set"
              + " prazo.sla.projector.command-token (PRAZO_SLA_PROJECTOR_COMMAND_TOKEN)");
    }
    return new SystemToken(null, token.strip());
  }

  @Override
  public synchronized String get() {
    if (issuer == null) {
      return fixed;
    }
    if (current == null
        || current.expiresAt().minus(Duration.ofMinutes(1)).isBefore(realClock.instant())) {
      current = issuer.issue(SUBJECT, List.of(Role.SYSTEM), null);
    }
    return current.token();
  }
}
