package io.prazo.command.domain;

import io.prazo.events.TicketStatus;

/** The command does not fit the ticket's current state: answered as 409. */
public class TicketStateConflictException extends IllegalStateException {
  private final TicketStatus status;

  public TicketStateConflictException(String message, TicketStatus status) {
    super(message);
    this.status = status;
  }

  public TicketStatus status() {
    return status;
  }
}
