package io.prazo.command.api;

/** A command on an existing ticket: which ticket, and the version the sender saw (or null). */
public interface TicketCommand {
  String ticketId();

  Long expectedVersion();
}
