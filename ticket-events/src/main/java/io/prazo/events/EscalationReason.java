package io.prazo.events;

/** Why a ticket was escalated. */
public enum EscalationReason {
  /** A target was missed; the escalation names the metric. */
  SLA_BREACH,
  /** The customer asked for it. */
  CUSTOMER_REQUEST,
  /** A supervisor decided it. */
  MANUAL
}
