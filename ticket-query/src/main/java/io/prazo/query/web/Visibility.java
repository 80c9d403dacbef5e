package io.prazo.query.web;

import io.prazo.events.Role;
import io.prazo.query.projection.TicketView;
import io.prazo.web.security.Caller;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who sees what (api.md, Security): a customer sees its organization's tickets only, and another
 * organization's ticket does not exist for it; survey answers are for supervisors and auditors;
 * internal notes are for staff. Every read in this service asks here.
 */
public final class Visibility {
  private Visibility() {}

  /**
   * The organization a caller's reads are confined to: the customer's own, or empty for staff.
   *
   * @throws AccessDeniedException for a caller with no reading role, or a customer without an
   *     organization
   */
  public static Optional<String> scope(Caller caller) {
    if (caller.hasAny(Role.AGENT, Role.SUPERVISOR, Role.AUDITOR, Role.SYSTEM)) {
      return Optional.empty();
    }
    if (caller.has(Role.CUSTOMER)) {
      if (caller.organizationId() == null || caller.organizationId().isBlank()) {
        throw new AccessDeniedException("a customer token must name its organization (org)");
      }
      return Optional.of(caller.organizationId());
    }
    throw new AccessDeniedException("reading tickets takes a customer, staff or auditor role");
  }

  /** Whether the caller may see this ticket at all. */
  public static boolean sees(Caller caller, TicketView view) {
    return seesOrganization(caller, view.organizationId());
  }

  /** Whether the caller may see the tickets of an organization (null: an unknown one). */
  public static boolean seesOrganization(Caller caller, String organizationId) {
    return scope(caller).map(org -> org.equals(organizationId)).orElse(true);
  }

  /** Whether the caller may see survey answers (score and comment). */
  public static boolean seesSurveyAnswers(Caller caller) {
    return caller.hasAny(Role.SUPERVISOR, Role.AUDITOR);
  }

  /** Whether the caller may see internal notes (replies that are not public). */
  public static boolean seesInternalNotes(Caller caller) {
    return scope(caller).isEmpty();
  }
}
