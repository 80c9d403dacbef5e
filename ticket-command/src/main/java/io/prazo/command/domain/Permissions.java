package io.prazo.command.domain;

import io.prazo.events.Actor;
import io.prazo.events.Role;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Who may send each command (domain.md, "who may send it"). */
public final class Permissions {

  /** The commands a ticket takes. */
  public enum Command {
    OPEN,
    ASSIGN,
    REPLY,
    PAUSE,
    RESUME,
    CHANGE_PRIORITY,
    ESCALATE,
    RESOLVE,
    APPROVE,
    REJECT,
    AUTO_CLOSE,
    ANSWER_SURVEY,
    CANCEL
  }

  private static final Map<Command, List<Role>> ALLOWED = new EnumMap<>(Command.class);

  static {
    ALLOWED.put(Command.OPEN, List.of(Role.AGENT, Role.CUSTOMER));
    ALLOWED.put(Command.ASSIGN, List.of(Role.AGENT, Role.SUPERVISOR));
    ALLOWED.put(Command.REPLY, List.of(Role.AGENT, Role.CUSTOMER));
    ALLOWED.put(Command.PAUSE, List.of(Role.AGENT));
    ALLOWED.put(Command.RESUME, List.of(Role.AGENT));
    ALLOWED.put(Command.CHANGE_PRIORITY, List.of(Role.AGENT, Role.SUPERVISOR));
    ALLOWED.put(Command.ESCALATE, List.of(Role.SYSTEM, Role.SUPERVISOR, Role.CUSTOMER));
    ALLOWED.put(Command.RESOLVE, List.of(Role.AGENT));
    ALLOWED.put(Command.APPROVE, List.of(Role.CUSTOMER));
    ALLOWED.put(Command.REJECT, List.of(Role.CUSTOMER));
    ALLOWED.put(Command.AUTO_CLOSE, List.of(Role.SYSTEM));
    ALLOWED.put(Command.ANSWER_SURVEY, List.of(Role.CUSTOMER));
    ALLOWED.put(Command.CANCEL, List.of(Role.CUSTOMER));
  }

  private Permissions() {}

  /** The roles allowed to send a command, most specific first. */
  public static List<Role> allowed(Command command) {
    return ALLOWED.get(command);
  }

  /**
   * The actor a principal acts as for a command: in the first allowed role it holds.
   *
   * @throws AccessRefusedException when it holds none of the allowed roles
   */
  public static Actor actingAs(
      Command command, String principalId, Set<Role> roles, String organizationId) {
    for (Role role : ALLOWED.get(command)) {
      if (roles.contains(role)) {
        return new Actor(principalId, role, role == Role.CUSTOMER ? organizationId : null);
      }
    }
    throw new AccessRefusedException(
        describe(command) + " takes one of the roles " + roleNames(ALLOWED.get(command)));
  }

  /** Checks an actor already chosen, e.g. one carried by a command from another service. */
  public static void check(Command command, Actor actor) {
    if (!ALLOWED.get(command).contains(actor.role())) {
      throw new AccessRefusedException(
          describe(command) + " takes one of the roles " + roleNames(ALLOWED.get(command)));
    }
    if (actor.role() == Role.CUSTOMER && actor.organizationId() == null) {
      throw new AccessRefusedException("a customer must belong to an organization");
    }
  }

  private static String describe(Command command) {
    String name = command.name().toLowerCase().replace('_', ' ');
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String roleNames(List<Role> roles) {
    return roles.stream().map(Role::wireName).toList().toString();
  }
}
