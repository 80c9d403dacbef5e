package io.prazo.events;

/** Where a ticket stands in its lifecycle; the values are part of the wire contract. */
public enum TicketStatus {
  /** Opened, nobody has acted on it yet. */
  OPEN,
  /** An agent is working on it. */
  IN_PROGRESS,
  /** Paused, waiting on the customer or a third party. */
  AWAITING,
  /** Resolved, waiting for the customer's approval. */
  RESOLVED,
  /** Closed, approved by the customer or automatically; final. */
  CLOSED,
  /** Cancelled by its requester before resolution; final. */
  CANCELLED
}
