package io.prazo.query.projection;

import io.prazo.sla.ClockStatus;
import java.time.Instant;

/**
 * A ticket's row in {@code query.ticket}: its view, and its clocks as of its last event.
 *
 * @param view the ticket
 * @param complianceGoal its policy version's compliance goal
 * @param firstResponse the first-response clock's status, due and at-risk instants
 * @param resolution the resolution clock's
 * @param autoCloseAt when an unanswered resolution closes itself, or null
 */
public record TicketRow(
    TicketView view,
    double complianceGoal,
    StoredClock firstResponse,
    StoredClock resolution,
    Instant autoCloseAt) {

  /**
   * A clock as of the ticket's last event.
   *
   * @param status its status then
   * @param dueAt its due instant, or null
   * @param riskAt when a running clock is (or becomes) at risk, or null
   */
  public record StoredClock(ClockStatus status, Instant dueAt, Instant riskAt) {}
}
