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
 * <p>For a running clock, {@link #atRiskAt} and {@link ClockView#dueAt()} are the instants at which
 * its status will change if no further event happens, so {@link #statusAt} gives its status at any
 * later instant without evaluating again; read models store them and filter by status in SQL.
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

  private final Instant at;
  private final ClockView firstResponse;
  private final Instant firstResponseAtRiskAt;
  private final ClockView resolution;
  private final Instant resolutionAtRiskAt;
  private final Instant autoCloseAt;
  private final List<SlaAction> pendingActions;

  private SlaClocks(
      Instant at,
      Clock firstResponse,
      Clock resolution,
      Instant autoCloseAt,
      List<SlaAction> pendingActions) {
    this.at = at;
    this.firstResponse = firstResponse.view();
    this.firstResponseAtRiskAt = firstResponse.atRiskAt();
    this.resolution = resolution.view();
    this.resolutionAtRiskAt = resolution.atRiskAt();
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
    return new SlaClocks(at, fr, res, autoCloseAt, List.copyOf(actions));
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
   * The instant the clocks were evaluated at: {@code now}, or the ticket's last event when {@code
   * now} was earlier.
   *
   * @return the instant, not null
   */
  public Instant evaluatedAt() {
    return at;
  }

  /**
   * The earliest instant at which a running clock is {@link ClockStatus#AT_RISK} if it keeps
   * running, that is if no further event happens: the earliest instant at which its elapsed working
   * time passes the test {@link #evaluate} applies, {@code elapsed.toNanos() >= warnAt *
   * target.toNanos()} (in {@code double} arithmetic). It is found like {@link ClockView#dueAt()},
   * on the same running periods and calendar, for the least whole number of nanoseconds that passes
   * that test, so it is exact to the nanosecond: evaluated at this instant the clock is {@code
   * AT_RISK}, and evaluated one nanosecond earlier (when that is not before the last event) it is
   * {@code RUNNING}. The {@code double} test is what counts, not the decimal fraction: 0.55 as a
   * double is a little more than 55/100, so with {@code warnAt} 0.55 a 1 h target is at risk after
   * 33 min + 1 ns of elapsed time, not 33 min; and beyond 2^53 ns (about 104 days) a threshold can
   * be 1 ns below the product, where the conversion of elapsed to {@code double} rounds up.
   *
   * <p>It is after {@link #evaluatedAt()} for a {@code RUNNING} clock, and at or before it for an
   * {@code AT_RISK} one (possibly before the last event, when the clock passed the threshold in an
   * earlier running period). It is never after {@code dueAt}, and like {@code dueAt} never inside
   * non-working time, except possibly at the exact end of a working interval.
   *
   * <p>Read models store it with {@code dueAt} and filter by status in SQL with the rule {@link
   * #statusAt} documents: {@code status at t = BREACHED if t > dueAt, AT_RISK if t >= atRiskAt,
   * else RUNNING}.
   *
   * @param metric which clock, not null
   * @return the instant, present exactly when the clock's status is {@code RUNNING} or {@code
   *     AT_RISK}; empty for every other status
   * @throws NullPointerException if {@code metric} is null
   */
  public Optional<Instant> atRiskAt(SlaMetric metric) {
    return Optional.ofNullable(
        switch (Objects.requireNonNull(metric, "metric")) {
          case FIRST_RESPONSE -> firstResponseAtRiskAt;
          case RESOLUTION -> resolutionAtRiskAt;
        });
  }

  /**
   * The status a clock will have at a later instant if no event happens in between: the status
   * {@link #evaluate} gives at {@code later} for the same history, computed from this evaluation in
   * O(1). A {@code RUNNING} or {@code AT_RISK} clock is {@code BREACHED} when {@code later} is
   * after its {@link ClockView#dueAt() dueAt} (strictly: a clock at its due instant has reached its
   * target but not run past it), else {@code AT_RISK} when {@code later} is at or after {@link
   * #atRiskAt}, else {@code RUNNING}; at {@link #evaluatedAt()} itself it is the evaluated status.
   * Every other status ({@code PAUSED}, {@code MET}, {@code BREACHED}, {@code NOT_APPLICABLE})
   * lasts until the next event.
   *
   * <p>This is the rule read models use in SQL on the instants they store for a clock evaluated at
   * a ticket's last event, to filter tickets by status at an instant {@code t} without evaluating
   * them again: for a clock stored as {@code RUNNING} or {@code AT_RISK}, {@code status at t =
   * BREACHED if t > dueAt, AT_RISK if t >= atRiskAt, else RUNNING}; any other stored status is the
   * status at {@code t}. The rule is exact for every {@code t} after the evaluated instant. At the
   * evaluated instant itself it differs from the stored status in one case only: a clock that
   * stopped or paused exactly at its due instant and runs again from the evaluated instant (a
   * resolution at the due instant, then a reopening) is {@code AT_RISK} there with {@code dueAt}
   * before it, and {@code BREACHED} from the next instant on; a read model that needs that instant
   * right adds {@code t > evaluatedAt} to the breach condition. Both instants are exact to the
   * nanosecond; a store with coarser instants (PostgreSQL {@code timestamptz} keeps microseconds)
   * keeps the rule exact for instants of its own precision by rounding {@code atRiskAt} up and
   * {@code dueAt} down to that precision, never to the nearest.
   *
   * @param metric which clock, not null
   * @param later the instant, not before {@link #evaluatedAt()}, not null
   * @return the status at {@code later}, not null
   * @throws IllegalArgumentException if {@code later} is before {@link #evaluatedAt()}
   * @throws NullPointerException if an argument is null
   */
  public ClockStatus statusAt(SlaMetric metric, Instant later) {
    ClockView view = clock(metric);
    Objects.requireNonNull(later, "later");
    if (later.isBefore(at)) {
      throw new IllegalArgumentException("the clocks were evaluated at " + at + ", after " + later);
    }
    ClockStatus status = view.status();
    if (later.equals(at) || (status != ClockStatus.RUNNING && status != ClockStatus.AT_RISK)) {
      return status;
    }
    if (later.isAfter(view.dueAt())) {
      return ClockStatus.BREACHED;
    }
    return later.isBefore(atRiskAt(metric).orElseThrow())
        ? ClockStatus.RUNNING
        : ClockStatus.AT_RISK;
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
   * Equal when the evaluation instants, both clocks with their at-risk instants, the auto-close
   * instant and the pending actions are equal.
   *
   * @param obj the other object, may be null
   * @return true if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof SlaClocks other
        && at.equals(other.at)
        && firstResponse.equals(other.firstResponse)
        && Objects.equals(firstResponseAtRiskAt, other.firstResponseAtRiskAt)
        && resolution.equals(other.resolution)
        && Objects.equals(resolutionAtRiskAt, other.resolutionAtRiskAt)
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
    return Objects.hash(
        at,
        firstResponse,
        firstResponseAtRiskAt,
        resolution,
        resolutionAtRiskAt,
        autoCloseAt,
        pendingActions);
  }

  /**
   * A description listing the evaluation instant, both clocks with their at-risk instants, the
   * auto-close instant and the pending actions.
   *
   * @return the description, not null
   */
  @Override
  public String toString() {
    return "SlaClocks[at="
        + at
        + ", firstResponse="
        + firstResponse
        + ", firstResponseAtRiskAt="
        + firstResponseAtRiskAt
        + ", resolution="
        + resolution
        + ", resolutionAtRiskAt="
        + resolutionAtRiskAt
        + ", autoCloseAt="
        + autoCloseAt
        + ", pendingActions="
        + pendingActions
        + "]";
  }

  /**
   * The least number of nanoseconds of elapsed time that is at risk: the least {@code n} with
   * {@code n >= warnAt * targetNanos} as {@link #evaluate} compares them, in {@code double}
   * arithmetic. Up to 2^53 ns (about 104 days) that is the ceiling of the product; beyond, several
   * {@code long}s convert to one {@code double}, and the least of those that passes is taken.
   *
   * @param warnAt the policy's warnAt, in (0, 1)
   * @param targetNanos the target in nanoseconds, positive
   * @return the threshold, in [1, targetNanos]
   */
  static long atRiskNanos(double warnAt, long targetNanos) {
    double threshold = warnAt * targetNanos;
    long n = (long) Math.ceil(threshold); // (double) n == ceil(threshold) >= threshold
    while ((double) (n - 1) >= threshold) {
      n--; // at most half an ulp of threshold (1024) steps, only above 2^53
    }
    return n;
  }

  /**
   * A clock's view, the instant from which it is at risk (null unless running), and the instant its
   * escalation is due (null when none is owed).
   */
  private record Clock(ClockView view, Instant atRiskAt, Instant escalationDue) {}

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
            null,
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
            null,
            null);
      }
      if (!periods.isOpen()) {
        // Live but not running: paused with a counted reason, not breached. If b is set, the
        // pause began exactly at b; the escalation waits for the clock to run again.
        return new Clock(
            new ClockView(metric, ClockStatus.PAUSED, target, elapsed, remaining, null, null, null),
            null,
            null);
      }
      // Running: b is set (an open period always reaches the target) and not yet run past.
      boolean atRisk = elapsed.toNanos() >= policy.warnAt() * target.toNanos();
      ClockStatus status = atRisk ? ClockStatus.AT_RISK : ClockStatus.RUNNING;
      // The earliest instant elapsed passes the same test; never null, as the period is open.
      Instant atRiskAt =
          periods.reach(cal, Duration.ofNanos(atRiskNanos(policy.warnAt(), target.toNanos())));
      return new Clock(
          new ClockView(metric, status, target, elapsed, remaining, b, null, null), atRiskAt, b);
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
          null,
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
