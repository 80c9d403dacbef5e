package io.prazo.command.domain;

/** No such ticket, or one the caller may not see (another organization's): answered as 404. */
public class TicketNotFoundException extends RuntimeException {
  public TicketNotFoundException(String ticketId) {
    super("ticket " + ticketId + " not found");
  }
}
