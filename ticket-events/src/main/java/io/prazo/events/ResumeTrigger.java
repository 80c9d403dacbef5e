package io.prazo.events;

/** What ended a pause. */
public enum ResumeTrigger {
  /** An agent resumed the ticket. */
  AGENT,
  /** The customer replied while the ticket was paused. */
  CUSTOMER_REPLY
}
