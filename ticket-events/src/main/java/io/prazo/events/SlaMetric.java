package io.prazo.events;

/** The two SLA clocks a ticket has. */
public enum SlaMetric {
  /** Time to the first public reply by an agent. */
  FIRST_RESPONSE,
  /** Time to resolution, not counting pauses or approval waits. */
  RESOLUTION
}
