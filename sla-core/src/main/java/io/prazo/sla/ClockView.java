package io.prazo.sla;

import io.prazo.events.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One SLA clock of a ticket as of an instant, as {@link SlaClocks#evaluate} computes it (spec:
 * sla.md section 3). A plain, immutable carrier.
 *
 * <p>Which components are present depends on the status:
 *
 * <table>
 *   <caption>Components by status (- means null)</caption>
 *   <tr><th>status</th><th>target</th><th>remaining</th><th>dueAt</th><th>metAt</th>
 *       <th>breachedAt</th></tr>
 *   <tr><td>RUNNING, AT_RISK</td><td>yes</td><td>yes</td><td>yes</td><td>-</td><td>-</td></tr>
 *   <tr><td>PAUSED</td><td>yes</td><td>yes</td><td>-</td><td>-</td><td>-</td></tr>
 *   <tr><td>MET</td><td>yes</td><td>yes</td><td>-</td><td>yes</td><td>-</td></tr>
 *   <tr><td>BREACHED</td><td>yes*</td><td>zero*</td><td>= breachedAt</td><td>-</td>
 *       <td>yes</td></tr>
 *   <tr><td>NOT_APPLICABLE</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td></tr>
 * </table>
 *
 * <p>(*) A clock breached under an earlier priority stays breached after a change to a priority
 * without a target for it; only then are {@code target} and {@code remaining} null on a breached
 * clock. {@code elapsed} is always present.
 *
 * @param metric which clock, not null
 * @param status the state, not null
 * @param target the working time the current priority allows on the clock's calendar, positive;
 *     null when the current priority has no target for this clock
 * @param elapsed the working time on the clock's calendar during which the clock has run, zero or
 *     positive, not null. The calendar is the current priority's target calendar, or the policy's
 *     business-day calendar when there is no target
 * @param remaining {@code max(0, target - elapsed)}, zero once breached; null when there is no
 *     target
 * @param dueAt the instant at which elapsed reaches the target if the clock keeps running (never
 *     inside non-working time, but possibly the exact end of a working interval); equal to {@code
 *     breachedAt} once breached; null while paused, stopped or without a target
 * @param metAt the instant the clock stopped on time; null unless {@code MET}
 * @param breachedAt the instant at which elapsed reached the target it then ran past; null unless
 *     {@code BREACHED}
 */
public record ClockView(
    SlaMetric metric,
    ClockStatus status,
    Duration target,
    Duration elapsed,
    Duration remaining,
    Instant dueAt,
    Instant metAt,
    Instant breachedAt) {

  /**
   * Checks that the always-present components are not null.
   *
   * @param metric which clock, not null
   * @param status the state, not null
   * @param target the current target, or null
   * @param elapsed the working time the clock has run, not null
   * @param remaining the working time left before the breach, or null
   * @param dueAt the due instant, or null
   * @param metAt the instant the clock stopped on time, or null
   * @param breachedAt the breach instant, or null
   * @throws NullPointerException if {@code metric}, {@code status} or {@code elapsed} is null
   */
  public ClockView {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
