package io.prazo.sla;

import io.prazo.events.SlaMetric;
import io.prazo.events.SlaTerms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLA clocks of one ticket evaluated at an instant with its policy version and calendars, and
 * the actions still owed to it (spec: sla.md sections 3 and 4; design: {@code docs/clocks.md}).
 *
 * <p>A clock <em>runs</em> while it is live (not stopped) and the ticket is not paused with a
 * reason the policy {@linkplain SlaPolicy#countsPause counts}. Its elapsed time is the working time
 * of the current priority's target calendar over all the periods it ran, since the opening: after a
 * priority change, the new target and calendar apply to the whole history. The <em>breach
 * instant</em> {@code b} is the earliest instant at which elapsed reaches the target; a clock that
 * runs at any instant after {@code b} is {@code BREACHED}, one that stops at or before {@code b} is
 * {@code MET}. A breach is final: one under an earlier priority stays when the clock ran past it
 * before the next priority change.
 *
 * <p>Clocks are a pure function of the ticket's history, the policy, the calendars and {@code now};
 * no wall clock is read. Each evaluation costs O(p × s × log n) for p priority changes, s timeline
 * spans and n working intervals of the calendars' years (see {@link BusinessTime}).
 *
 * <p>Implementation Requirements: this class is immutable and thread-safe; every collection it
 * returns is unmodifiable.
 */
public final class SlaClocks {

  private static final Comparator<SlaAction> BY_DUE_THEN_ID =
      Comparator.comparing(SlaAction::dueAt).thenComparing(SlaAction::id);

  private final ClockView firstResponse;
  private final ClockView resolution;
  private final Instant autoCloseAt;
  private final List<SlaAction> pendingActions;

  private SlaClocks(
      ClockView firstResponse,
      ClockView resolution,
      Instant autoCloseAt,
      List<SlaAction> pendingActions) {
    this.firstResponse = firstResponse;
    this.resolution = resolution;
    this.autoCloseAt = autoCloseAt;
    this.pendingActions = pendingActions;
  }

  /**
   * Evaluates a ticket's clocks at an instant.
   *
   * @param sla the ticket's SLA history, not null
   * @param policy the policy at exactly the id and version {@code sla.terms()} name, not null
   * @param calendars looks up each calendar at the version {@code sla.terms()} records, not null
   * @param now the instant to evaluate at, not null; normally not before {@code sla.lastEventAt()}
   *     (an earlier instant is taken as {@code lastEventAt()}). A later instant extends the open
   *     running period, if any, to {@code now}
   * @return the clocks, not null
   * @throws IllegalArgumentException if the policy is not the one the terms name, or a calendar is
   *     unknown to {@code calendars}
   * @throws NullPointerException if an argument is null
   */
  public static SlaClocks evaluate(
      TicketSla sla, SlaPolicy policy, CalendarSource calendars, Instant now) {
    Objects.requireNonNull(sla, "sla");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(calendars, "calendars");
    Objects.requireNonNull(now, "now");
    SlaTerms terms = sla.terms();
    if (!policy.id().equals(terms.policyId()) || policy.version() != terms.policyVersion()) {
      throw new IllegalArgumentException(
          "ticket "
              + sla.ticketId()
              + " is under policy "
              + terms.policyId()
              + " v"
              + terms.policyVersion()
              + ", not "
              + policy.id()
              + " v"
              + policy.version());
    }
    Instant at = now.isBefore(sla.lastEventAt()) ? sla.lastEventAt() : now;
    Evaluation evaluation = new Evaluation(sla, policy, calendars, at);
    Clock fr = evaluation.clock(SlaMetric.FIRST_RESPONSE);
    Clock res = evaluation.clock(SlaMetric.RESOLUTION);

    List<SlaAction> actions = new ArrayList<>(3);
    if (!sla.isFinal()) {
      for (Clock clock : new Clock[] {fr, res}) {
        SlaMetric metric = clock.view().metric();
        if (clock.escalationDue() != null && !sla.hasEscalated(metric)) {
          actions.add(new SlaAction.Escalation(sla.ticketId(), metric, clock.escalationDue()));
        }
      }
    }
    Instant autoCloseAt = null;
    Optional<String> approval = sla.pendingApprovalRequestId();
    if (approval.isPresent()) {
      BusinessCalendar businessDays = evaluation.calendar(policy.businessDayCalendarId());
      autoCloseAt =
          BusinessTime.plus(
              businessDays,
              sla.approvalRequestedAt(),
              businessDays.dayLength().multipliedBy(policy.autoCloseAfterBusinessDays()));
      actions.add(new SlaAction.AutoClose(sla.ticketId(), approval.get(), autoCloseAt));
    }
    actions.sort(BY_DUE_THEN_ID);
    return new SlaClocks(fr.view(), res.view(), autoCloseAt, List.copyOf(actions));
  }

  /**
   * The first-response clock.
   *
   * @return the clock, not null
   */
  public ClockView firstResponse() {
    return firstResponse;
  }

  /**
   * The resolution clock.
   *
   * @return the clock, not null
   */
  public ClockView resolution() {
    return resolution;
  }

  /**
   * One clock.
   *
   * @param metric which clock, not null
   * @return the clock, not null
   */
  public ClockView clock(SlaMetric metric) {
    return switch (Objects.requireNonNull(metric, "metric")) {
      case FIRST_RESPONSE -> firstResponse;
      case RESOLUTION -> resolution;
    };
  }

  /**
   * When the ticket closes by itself if the customer neither approves nor rejects the pending
   * resolution: {@code plus(businessDayCalendar, approvalRequestedAt, autoCloseAfterBusinessDays ×
   * businessDayCalendar.dayLength())}. Does not depend on {@code now}.
   *
   * @return the instant, or empty when no approval is pending
   */
  public Optional<Instant> autoCloseAt() {
    return Optional.ofNullable(autoCloseAt);
  }

  /**
   * The actions still owed to the ticket, each with its due instant (past or future), as the
   * history stands with no further events; it does not depend on {@code now}. An {@link
   * SlaAction.Escalation} for a clock that has (or, running on, will reach) a breach instant,
   * unless the ticket is closed or cancelled or an {@code SLA_BREACH} escalation for that metric is
   * already in its history (a breach is final, so each metric escalates at most once per ticket); a
   * paused clock that has not breached, and a clock that stopped on time, owe none. An {@link
   * SlaAction.AutoClose} while an approval request is pending.
   *
   * @return an unmodifiable list ordered by due instant, then id; at most three actions; not null
   */
  public List<SlaAction> pendingActions() {
    return pendingActions;
  }

  /**
   * Equal when both clocks, the auto-close instant and the pending actions are equal.
   *
   * @param obj the other object, may be null
   * @return true if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof SlaClocks other
        && firstResponse.equals(other.firstResponse)
        && resolution.equals(other.resolution)
        && Objects.equals(autoCloseAt, other.autoCloseAt)
        && pendingActions.equals(other.pendingActions);
  }

  /**
   * A hash of every component.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(firstResponse, resolution, autoCloseAt, pendingActions);
  }

  /**
   * A description listing both clocks, the auto-close instant and the pending actions.
   *
   * @return the description, not null
   */
  @Override
  public String toString() {
    return "SlaClocks[firstResponse="
        + firstResponse
        + ", resolution="
        + resolution
        + ", autoCloseAt="
        + autoCloseAt
        + ", pendingActions="
        + pendingActions
        + "]";
  }

  /** A clock's view and the instant its escalation is due, or null when none is owed. */
  private record Clock(ClockView view, Instant escalationDue) {}

  /** One evaluation: the inputs, and the calendars looked up so far. */
  private static final class Evaluation {
    private final TicketSla sla;
    private final SlaPolicy policy;
    private final CalendarSource source;
    private final Instant at;
    private final List<BusinessCalendar> looked = new ArrayList<>(3);

    Evaluation(TicketSla sla, SlaPolicy policy, CalendarSource source, Instant at) {
      this.sla = sla;
      this.policy = policy;
      this.source = source;
      this.at = at;
    }

    BusinessCalendar calendar(String id) {
      for (BusinessCalendar cal : looked) {
        if (cal.id().equals(id)) {
          return cal;
        }
      }
      int version = sla.terms().calendarVersion(id);
      BusinessCalendar cal = source.calendar(id, version);
      if (cal == null || !cal.id().equals(id) || cal.version() != version) {
        throw new IllegalArgumentException(
            "calendar source answered "
                + (cal == null ? "null" : cal.id() + " v" + cal.version())
                + " for "
                + id
                + " v"
                + version);
      }
      looked.add(cal);
      return cal;
    }

    private SlaTarget target(String priority, SlaMetric metric) {
      return policy.priority(priority).flatMap(p -> p.target(metric)).orElse(null);
    }

    Clock clock(SlaMetric metric) {
      Periods periods = Periods.of(sla.spans(), TicketSla.bit(metric), policy);

      // A breach the clock ran past under an earlier priority stays.
      Instant establishedBreach = null;
      TicketSla.PriorityFrom[] history = sla.priorityHistory();
      for (int i = 0; i + 1 < history.length && establishedBreach == null; i++) {
        SlaTarget earlier = target(history[i].priority(), metric);
        if (earlier != null) {
          BusinessCalendar cal = calendar(earlier.calendarId());
          Instant b = periods.reach(cal, earlier.toDuration(cal));
          if (b != null && periods.runsAfter(b, history[i + 1].from())) {
            establishedBreach = b;
          }
        }
      }

      SlaTarget current = target(sla.priority(), metric);
      BusinessCalendar cal =
          calendar(current != null ? current.calendarId() : policy.businessDayCalendarId());
      Duration target = current == null ? null : current.toDuration(cal);
      Duration elapsed = periods.elapsed(cal, at);
      if (establishedBreach != null) {
        return breached(metric, target, elapsed, establishedBreach);
      }
      if (target == null) {
        return new Clock(
            new ClockView(
                metric, ClockStatus.NOT_APPLICABLE, null, elapsed, null, null, null, null),
            null);
      }
      Instant b = periods.reach(cal, target);
      if (b != null && periods.runsAfter(b, at)) {
        return breached(metric, target, elapsed, b);
      }
      Duration remaining = nonNegative(target.minus(elapsed));
      if (!sla.isLive(metric)) {
        // Stopped at or before b: a stopped clock that ran past b was breached above.
        Instant metAt = sla.stoppedAt(metric);
        return new Clock(
            new ClockView(metric, ClockStatus.MET, target, elapsed, remaining, null, metAt, null),
            null);
      }
      if (!periods.isOpen()) {
        // Live but not running: paused with a counted reason, not breached. If b is set, the
        // pause began exactly at b; the escalation waits for the clock to run again.
        return new Clock(
            new ClockView(metric, ClockStatus.PAUSED, target, elapsed, remaining, null, null, null),
            null);
      }
      // Running: b is set (an open period always reaches the target) and not yet run past.
      boolean atRisk = elapsed.toNanos() >= policy.warnAt() * target.toNanos();
      ClockStatus status = atRisk ? ClockStatus.AT_RISK : ClockStatus.RUNNING;
      return new Clock(new ClockView(metric, status, target, elapsed, remaining, b, null, null), b);
    }

    private static Clock breached(
        SlaMetric metric, Duration target, Duration elapsed, Instant breachedAt) {
      return new Clock(
          new ClockView(
              metric,
              ClockStatus.BREACHED,
              target,
              elapsed,
              target == null ? null : Duration.ZERO,
              breachedAt,
              null,
              breachedAt),
          breachedAt);
    }

    private static Duration nonNegative(Duration d) {
      return d.isNegative() ? Duration.ZERO : d;
    }
  }

  /**
   * The periods in which one clock runs: the timeline spans in which it is live and not paused with
   * a counted reason, adjacent spans merged. The last period is open (end null) when the clock runs
   * at the end of the timeline.
   */
  private static final class Periods {
    private final Instant[] starts;
    private final Instant[] ends;
    private final int count;

    private Periods(Instant[] starts, Instant[] ends, int count) {
      this.starts = starts;
      this.ends = ends;
      this.count = count;
    }

    static Periods of(TicketSla.Span[] spans, int bit, SlaPolicy policy) {
      Instant[] starts = new Instant[spans.length];
      Instant[] ends = new Instant[spans.length];
      int n = 0;
      for (int i = 0; i < spans.length; i++) {
        TicketSla.Span span = spans[i];
        boolean running =
            (span.live() & bit) != 0 && (span.pause() == null || !policy.countsPause(span.pause()));
        if (!running) {
          continue;
        }
        Instant end = i + 1 < spans.length ? spans[i + 1].start() : null;
        if (n > 0 && span.start().equals(ends[n - 1])) {
          ends[n - 1] = end;
        } else {
          starts[n] = span.start();
          ends[n] = end;
          n++;
        }
      }
      return new Periods(starts, ends, n);
    }

    /** Whether the clock runs at the end of the timeline. */
    boolean isOpen() {
      return count > 0 && ends[count - 1] == null;
    }

    /** Working time on cal over the periods, the open one ending at {@code at}. */
    Duration elapsed(BusinessCalendar cal, Instant at) {
      Duration sum = Duration.ZERO;
      for (int j = 0; j < count; j++) {
        Instant end = ends[j] == null ? at : ends[j];
        if (end.isAfter(starts[j])) {
          sum = sum.plus(BusinessTime.workingTime(cal, starts[j], end));
        }
      }
      return sum;
    }

    /**
     * The earliest instant at which the working time on cal over the periods reaches the target,
     * the open period running on for ever; null when the closed periods never reach it.
     */
    Instant reach(BusinessCalendar cal, Duration target) {
      Duration acc = Duration.ZERO;
      for (int j = 0; j < count; j++) {
        Duration left = target.minus(acc);
        if (ends[j] == null) {
          return BusinessTime.plus(cal, starts[j], left);
        }
        Duration worked = BusinessTime.workingTime(cal, starts[j], ends[j]);
        if (worked.compareTo(left) >= 0) {
          return BusinessTime.plus(cal, starts[j], left);
        }
        acc = acc.plus(worked);
      }
      return null;
    }

    /** Whether the clock runs at some instant in {@code (after, before)}. */
    boolean runsAfter(Instant after, Instant before) {
      for (int j = 0; j < count; j++) {
        Instant from = starts[j].isAfter(after) ? starts[j] : after;
        Instant to = ends[j] == null || ends[j].isAfter(before) ? before : ends[j];
        if (from.isBefore(to)) {
          return true;
        }
      }
      return false;
    }
  }
}
