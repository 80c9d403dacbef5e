package io.prazo.events;

import java.time.Instant;

/**
 * A ticket was opened.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param number the human ticket number, e.g. {@code TCK-000123}, not null
 * @param organizationId the customer's organization, not null
 * @param requester who asked for help, not null
 * @param subject a one-line subject, not blank
 * @param description the description, may be empty
 * @param channel how the request arrived, not null
 * @param product the product or module concerned, may be null
 * @param severity the severity given at opening, may be null
 * @param impact the impact given at opening, may be null
 * @param urgency the urgency given at opening, may be null
 * @param priority the resulting priority, an id on the policy's scale, not null
 * @param priorityDerived true when the priority was derived from severity, impact and urgency
 * @param sla the policy and calendar versions the clocks use, not null
 * @param level the support level that takes it first (N1), not null
 */
@EventType(name = "io.prazo.ticket.opened", version = 2)
public record TicketOpened(
    String ticketId,
    Instant occurredAt,
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
    String priority,
    boolean priorityDerived,
    SlaTerms sla,
    SupportLevel level)
    implements TicketEvent {}
