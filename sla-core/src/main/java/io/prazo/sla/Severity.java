package io.prazo.sla;

/**
 * How badly an incident breaks the product, an input of the {@link PriorityMatrix}. Ordered from
 * the most to the least severe.
 */
public enum Severity {
  /** The product is down or unusable, with no workaround. */
  CRITICAL,
  /** A main function is unavailable or badly degraded. */
  HIGH,
  /** A part of the product misbehaves; it stays usable. */
  MEDIUM,
  /** A question, a request or a minor defect. */
  LOW
}
