package io.prazo.events;

import java.time.Instant;

/**
 * The customer is asked to rate the service.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param surveyId the survey's id, not null
 */
@EventType(name = "io.prazo.ticket.survey-requested", version = 1)
public record SurveyRequested(String ticketId, Instant occurredAt, String surveyId)
    implements TicketEvent {}
