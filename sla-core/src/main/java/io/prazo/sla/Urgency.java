package io.prazo.sla;

/**
 * How soon the customer needs a fix, given the workarounds they have, an input of the {@link
 * PriorityMatrix}. Ordered from the highest to the lowest.
 */
public enum Urgency {
  /** No workaround: work is stopped until it is fixed. */
  HIGH,
  /** A poor or temporary workaround exists. */
  MEDIUM,
  /** An acceptable workaround exists; it can wait. */
  LOW
}
