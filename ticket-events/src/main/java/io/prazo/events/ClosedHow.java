package io.prazo.events;

/** How a ticket came to be closed. */
public enum ClosedHow {
  /** The customer approved the resolution. */
  APPROVED,
  /** The approval went unanswered and the ticket closed itself. */
  AUTO_CLOSED
}
