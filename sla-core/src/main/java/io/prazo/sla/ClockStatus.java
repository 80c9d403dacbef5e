package io.prazo.sla;

/**
 * The state of one SLA clock as of an instant (spec: sla.md section 3). The wire form is the
 * constant's name.
 */
public enum ClockStatus {
  /**
   * The clock is running and has used less than the policy's {@code warnAt} share of its target.
   */
  RUNNING,
  /** The clock is running and has used at least {@code warnAt} of its target, but not breached. */
  AT_RISK,
  /** The ticket is paused with a reason the policy counts; the clock is not running. */
  PAUSED,
  /** The clock stopped at or before its due instant. */
  MET,
  /**
   * The clock ran past its due instant. Final: resolving, pausing or lowering the priority later
   * does not undo it.
   */
  BREACHED,
  /** The ticket's current priority has no target for this clock; elapsed time is still reported. */
  NOT_APPLICABLE
}
