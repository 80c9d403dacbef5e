package io.prazo.sla;

/**
 * How much of the customer's business an incident affects (users, revenue, legal exposure), an
 * input of the {@link PriorityMatrix}. Ordered from the highest to the lowest.
 */
public enum Impact {
  /** Many users, or revenue, billing or legal obligations at risk. */
  HIGH,
  /** Some users or a secondary process. */
  MEDIUM,
  /** One user, or nothing material. */
  LOW
}
