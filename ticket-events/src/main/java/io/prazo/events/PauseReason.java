package io.prazo.events;

/**
 * Why a ticket waits. `AWAITING_CUSTOMER` always stops the SLA clocks; the others do when the
 * policy says so.
 */
public enum PauseReason {
  /** Waiting on information or action from the customer. */
  AWAITING_CUSTOMER,
  /** Waiting on a third party (a supplier, a carrier). */
  AWAITING_THIRD_PARTY,
  /** Waiting on the development or cloud team. */
  AWAITING_DEVELOPMENT
}
