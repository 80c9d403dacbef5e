package io.prazo.command.api;

/** OpenTicket's answer. */
public record TicketOpenedAck(
    String ticketId,
    long version,
    String number,
    String priority,
    String policyId,
    int policyVersion) {}
