package io.prazo.command.api;

/** A command's answer: the ticket and its version after the command's events. */
public record CommandAck(String ticketId, long version) {}
