package io.prazo.sla.projector.projection;

import io.prazo.sla.SlaAction;
import io.prazo.sla.TicketSla;
import java.time.Instant;
import java.util.List;

/**
 * One ticket's row: its folded SLA history and what follows from it with its policy version.
 *
 * @param sla the fold of the ticket's events
 * @param firstResponseDueAt when the first-response clock runs out as things stand, or null
 * @param firstResponseBreachedAt when it ran out, or null
 * @param resolutionDueAt when the resolution clock runs out as things stand, or null
 * @param resolutionBreachedAt when it ran out, or null
 * @param autoCloseAt when an unanswered approval closes the ticket, or null
 * @param actions the actions still owed, in due order
 */
public record ClockRow(
    TicketSla sla,
    Instant firstResponseDueAt,
    Instant firstResponseBreachedAt,
    Instant resolutionDueAt,
    Instant resolutionBreachedAt,
    Instant autoCloseAt,
    List<SlaAction> actions) {

  public Instant nextActionAt() {
    return actions.isEmpty() ? null : actions.get(0).dueAt();
  }
}
