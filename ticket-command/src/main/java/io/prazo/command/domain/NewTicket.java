package io.prazo.command.domain;

import io.prazo.events.Channel;
import io.prazo.events.Requester;
import io.prazo.sla.Impact;
import io.prazo.sla.Severity;
import io.prazo.sla.Urgency;

/**
 * What a caller asks for when opening a ticket: a priority, or the severity, impact and urgency a
 * policy's matrix derives it from.
 */
public record NewTicket(
    String organizationId,
    Requester requester,
    String subject,
    String description,
    Channel channel,
    String product,
    Severity severity,
    Impact impact,
    Urgency urgency,
    String priority) {}
