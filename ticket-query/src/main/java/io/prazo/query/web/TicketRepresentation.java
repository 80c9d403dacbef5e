package io.prazo.query.web;

import io.prazo.events.Channel;
import io.prazo.events.ClosedHow;
import io.prazo.events.ClosingCategory;
import io.prazo.events.PauseReason;
import io.prazo.events.Requester;
import io.prazo.events.SupportLevel;
import io.prazo.events.TicketStatus;
import io.prazo.eventstore.CatalogReader;
import io.prazo.query.projection.TicketView;
import io.prazo.sla.ClockStatus;
import io.prazo.sla.ClockView;
import io.prazo.sla.SlaClocks;
import io.prazo.web.security.Caller;
import java.time.Duration;
import java.time.Instant;

/**
 * A ticket as the query API answers it (api.md, Queries): the view, with both clocks evaluated by
 * sla-core at the instant asked for, and the survey answer only for those who may see it.
 */
public record TicketRepresentation(
    String ticketId,
    String number,
    String organizationId,
    Requester requester,
    String subject,
    String description,
    Channel channel,
    String product,
    String severity,
    String impact,
    String urgency,
    TicketStatus status,
    PauseReason pauseReason,
    String priority,
    boolean priorityDerived,
    String assignee,
    SupportLevel level,
    int escalationLevel,
    ClosingCategory category,
    String resolutionSummary,
    Instant createdAt,
    Instant updatedAt,
    Instant firstResponseAt,
    Instant resolvedAt,
    Instant closedAt,
    ClosedHow closedHow,
    Instant cancelledAt,
    long version,
    Instant autoCloseAt,
    Sla sla,
    Survey survey,
    Instant asOf) {

  /** The ticket's SLA: its policy version and both clocks. */
  public record Sla(String policyId, int policyVersion, Clock firstResponse, Clock resolution) {}

  /** One clock; durations are ISO-8601 ({@code PT4H}). */
  public record Clock(
      String target,
      ClockStatus status,
      String elapsed,
      String remaining,
      Instant dueAt,
      Instant metAt,
      Instant breachedAt) {
    static Clock of(ClockView view) {
      return new Clock(
          text(view.target()),
          view.status(),
          text(view.elapsed()),
          text(view.remaining()),
          view.dueAt(),
          view.metAt(),
          view.breachedAt());
    }

    private static String text(Duration duration) {
      return duration == null ? null : duration.toString();
    }
  }

  /** The satisfaction survey; score and comment only for supervisors and auditors. */
  public record Survey(Instant requestedAt, Instant answeredAt, Integer score, String comment) {}

  /**
   * Shows a view to a caller.
   *
   * @param view the ticket
   * @param catalog the policy and calendar versions the ticket's clocks use
   * @param at the instant the clocks are evaluated at (now, or an as-of instant)
   * @param asOf the as-of instant asked for, or null for the live view
   * @param caller who asks
   */
  public static TicketRepresentation of(
      TicketView view, CatalogReader catalog, Instant at, Instant asOf, Caller caller) {
    SlaClocks clocks = catalog.clocks(view.sla(), at);
    Survey survey = null;
    if (view.surveyRequestedAt() != null) {
      boolean answers = Visibility.seesSurveyAnswers(caller);
      survey =
          new Survey(
              view.surveyRequestedAt(),
              view.surveyAnsweredAt(),
              answers ? view.surveyScore() : null,
              answers ? view.surveyComment() : null);
    }
    return new TicketRepresentation(
        view.ticketId(),
        view.number(),
        view.organizationId(),
        view.requester(),
        view.subject(),
        view.description(),
        view.channel(),
        view.product(),
        view.severity(),
        view.impact(),
        view.urgency(),
        view.status(),
        view.pauseReason(),
        view.priority(),
        view.priorityDerived(),
        view.assignee(),
        view.level(),
        view.escalationLevel(),
        view.category(),
        view.resolutionSummary(),
        view.createdAt(),
        view.updatedAt(),
        view.firstResponseAt(),
        view.resolvedAt(),
        view.closedAt(),
        view.closedHow(),
        view.cancelledAt(),
        view.version(),
        clocks.autoCloseAt().orElse(null),
        new Sla(
            view.sla().terms().policyId(),
            view.sla().terms().policyVersion(),
            Clock.of(clocks.firstResponse()),
            Clock.of(clocks.resolution())),
        survey,
        asOf);
  }
}
