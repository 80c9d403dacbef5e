package io.prazo.sla;

import io.prazo.events.SlaMetric;
import java.time.Instant;
import java.util.Objects;

/**
 * An action the SLA projector owes a ticket, due at an instant (spec: sla.md section 4). Actions
 * come from {@link SlaClocks#pendingActions()}; each is a command to {@code ticket-command} whose
 * effect is an event in the ticket's history, after which the action is no longer pending.
 *
 * <p>Every action has an {@linkplain #id() id} that is deterministic (a function of the ticket's
 * history only), unique among all actions of all tickets, and stable: the same action keeps the
 * same id however often the clocks are evaluated, so it can key a schedule or an idempotency
 * record.
 *
 * <p>Implementation Requirements: implementations are immutable records.
 */
public sealed interface SlaAction {

  /**
   * The action's id: {@code ticketId + "/escalation/" + metric} for an {@link Escalation}, {@code
   * approvalRequestId + "/auto-close"} for an {@link AutoClose}.
   *
   * @return the id, not null
   */
  String id();

  /**
   * What stands between the ticket id and the metric in an escalation's {@link #id()}; also used by
   * SQL that matches ids, so the format is written once.
   */
  String ESCALATION_ID_INFIX = "/escalation/";

  /**
   * What follows the approval request id in an auto-close's {@link #id()}; also used by SQL that
   * matches ids, so the format is written once.
   */
  String AUTO_CLOSE_ID_SUFFIX = "/auto-close";

  /**
   * The ticket the action is for.
   *
   * @return the ticket id, not null
   */
  String ticketId();

  /**
   * When the action is due; it may lie in the past (an overdue action fires at once).
   *
   * @return the due instant, not null
   */
  Instant dueAt();

  /**
   * Escalate the ticket one level with reason {@code SLA_BREACH} naming the metric, due at the
   * instant the clock breaches (or breached).
   *
   * @param ticketId the ticket id, not null
   * @param metric the breached clock, not null
   * @param dueAt the clock's breach instant, not null
   */
  record Escalation(String ticketId, SlaMetric metric, Instant dueAt) implements SlaAction {

    /**
     * Checks the components.
     *
     * @param ticketId the ticket id, not null
     * @param metric the breached clock, not null
     * @param dueAt the clock's breach instant, not null
     * @throws NullPointerException if a component is null
     */
    public Escalation {
      Objects.requireNonNull(ticketId, "ticketId");
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(dueAt, "dueAt");
    }

    /**
     * The id, e.g. {@code T-1/escalation/RESOLUTION}.
     *
     * @return {@code ticketId + "/escalation/" + metric}, not null
     */
    @Override
    public String id() {
      return ticketId + ESCALATION_ID_INFIX + metric.name();
    }
  }

  /**
   * Close the ticket automatically because the customer neither approved nor rejected its
   * resolution in time. The command names the approval request, so a stale auto-close loses.
   *
   * @param ticketId the ticket id, not null
   * @param approvalRequestId the pending approval request, not null
   * @param dueAt {@code plus(businessDayCalendar, requestedAt, autoCloseAfter × dayLength)}, not
   *     null
   */
  record AutoClose(String ticketId, String approvalRequestId, Instant dueAt) implements SlaAction {

    /**
     * Checks the components.
     *
     * @param ticketId the ticket id, not null
     * @param approvalRequestId the pending approval request, not null
     * @param dueAt the auto-close instant, not null
     * @throws NullPointerException if a component is null
     */
    public AutoClose {
      Objects.requireNonNull(ticketId, "ticketId");
      Objects.requireNonNull(approvalRequestId, "approvalRequestId");
      Objects.requireNonNull(dueAt, "dueAt");
    }

    /**
     * The id, e.g. {@code T-1/approval/1/auto-close}.
     *
     * @return {@code approvalRequestId + "/auto-close"}, not null
     */
    @Override
    public String id() {
      return approvalRequestId + AUTO_CLOSE_ID_SUFFIX;
    }
  }
}
