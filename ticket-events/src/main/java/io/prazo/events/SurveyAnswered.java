package io.prazo.events;

import java.time.Instant;

/**
 * The customer answered the satisfaction survey (seen by supervisors and auditors only).
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param surveyId the survey answered, not null
 * @param score 1 to 5
 * @param comment the customer's comment, may be null
 */
@EventType(name = "io.prazo.ticket.survey-answered", version = 1)
public record SurveyAnswered(
    String ticketId, Instant occurredAt, String surveyId, int score, String comment)
    implements TicketEvent {}
