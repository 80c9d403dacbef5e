package io.prazo.sla;

import io.prazo.events.PauseReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An SLA policy (a support plan): a priority scale with first-response and resolution targets per
 * priority, and the rules that go with them (spec: sla.md section 2).
 *
 * <p>The scale is ordered from the most to the least urgent priority. Policies are versioned and
 * never edited in place: a change is a new version ({@link #withVersion(int)}); a ticket keeps the
 * version it was opened under. A policy in which no priority has any target is a "standard" plan
 * without SLA ({@link #hasSla()} is false): its clocks are all {@code NOT_APPLICABLE}, but it still
 * auto-closes.
 *
 * <p>Rules checked by {@link #of}, every violation reported together in one {@link
 * InvalidDefinitionException}: the id is 1 to 64 letters, digits, {@code .}, {@code _} or {@code
 * -}; the version is 1 or more; the name is not blank; there is at least one priority and no
 * priority id is listed twice; every calendar named (the business-day calendar and each target's
 * calendar) is known; {@code 0 <= complianceGoal <= 1}; {@code 0 < warnAt < 1}; {@code
 * autoCloseAfterBusinessDays >= 1}; every priority a matrix rule gives is on the scale. Targets of
 * zero or less cannot be built at all ({@link SlaAmount}).
 *
 * <p>{@link PauseReason#AWAITING_CUSTOMER} always stops the clocks, so it is added to the pause
 * reasons even when a definition leaves it out.
 *
 * <p>Implementation Requirements: this class is immutable and thread-safe. Every collection it
 * returns is unmodifiable. The {@link Builder} is mutable and not thread-safe.
 */
public final class SlaPolicy {

  /** The default share of tickets that must meet their targets, 0.80. */
  public static final double DEFAULT_COMPLIANCE_GOAL = 0.80;

  /** The default fraction of a target after which a running clock is {@code AT_RISK}, 0.75. */
  public static final double DEFAULT_WARN_AT = 0.75;

  /** The default number of business days a resolved ticket waits for approval, 4. */
  public static final int DEFAULT_AUTO_CLOSE_AFTER_BUSINESS_DAYS = 4;

  private final String id;
  private final int version;
  private final String name;
  private final Map<String, Priority> priorities;
  private final List<Priority> scale;
  private final String businessDayCalendarId;
  private final double complianceGoal;
  private final double warnAt;
  private final int autoCloseAfterBusinessDays;
  private final Set<PauseReason> pauseReasons;
  private final PriorityMatrix priorityMatrix;
  private final Set<String> calendarIds;

  private SlaPolicy(
      String id,
      int version,
      String name,
      List<Priority> scale,
      String businessDayCalendarId,
      double complianceGoal,
      double warnAt,
      int autoCloseAfterBusinessDays,
      Set<PauseReason> pauseReasons,
      PriorityMatrix priorityMatrix) {
    this.id = id;
    this.version = version;
    this.name = name;
    this.scale = scale;
    Map<String, Priority> byId = new LinkedHashMap<>();
    for (Priority priority : scale) {
      byId.put(priority.id(), priority);
    }
    this.priorities = Collections.unmodifiableMap(byId);
    this.businessDayCalendarId = businessDayCalendarId;
    this.complianceGoal = complianceGoal;
    this.warnAt = warnAt;
    this.autoCloseAfterBusinessDays = autoCloseAfterBusinessDays;
    this.pauseReasons = pauseReasons;
    this.priorityMatrix = priorityMatrix;
    Set<String> ids = new LinkedHashSet<>();
    ids.add(businessDayCalendarId);
    for (Priority priority : scale) {
      priority.firstResponse().ifPresent(t -> ids.add(t.calendarId()));
      priority.resolution().ifPresent(t -> ids.add(t.calendarId()));
    }
    this.calendarIds = Collections.unmodifiableSet(ids);
  }

  /**
   * Obtains a validated policy.
   *
   * @param id the id, e.g. {@code pronnus}, not null
   * @param version the version, 1 or more
   * @param name a human-readable name, not null or blank
   * @param priorities the scale, most urgent first, not null, not empty, no null elements, ids
   *     distinct; copied
   * @param businessDayCalendarId the calendar "business day" rules (auto-close) use, not null
   * @param complianceGoal the share of tickets that must meet their targets, from 0 to 1
   * @param warnAt the fraction of a target after which a running clock is at risk, strictly between
   *     0 and 1
   * @param autoCloseAfterBusinessDays business days a resolved ticket waits for the customer's
   *     approval before it closes by itself, 1 or more
   * @param pauseReasons the pause reasons that stop the clocks, may be null (only {@code
   *     AWAITING_CUSTOMER}); {@code AWAITING_CUSTOMER} is always added; copied
   * @param priorityMatrix the matrix deriving priorities from severity, impact and urgency, or null
   *     when priorities are only given directly
   * @param knownCalendar tells whether a calendar id exists, not null; pass {@code id -> true} to
   *     skip this check (e.g. for versions validated when they were stored)
   * @return the policy, not null
   * @throws InvalidDefinitionException listing every rule the definition breaks, with field paths
   *     such as {@code priorities[1].id} or {@code priorities[2].resolution.calendar}
   */
  public static SlaPolicy of(
      String id,
      int version,
      String name,
      List<Priority> priorities,
      String businessDayCalendarId,
      double complianceGoal,
      double warnAt,
      int autoCloseAfterBusinessDays,
      Set<PauseReason> pauseReasons,
      PriorityMatrix priorityMatrix,
      Predicate<String> knownCalendar) {
    Objects.requireNonNull(knownCalendar, "knownCalendar");
    Problems problems = new Problems();
    problems.requireId("id", id);
    problems.requireVersion("version", version);
    problems.requireText("name", name);
    List<Priority> scale = scale(problems, priorities, knownCalendar);
    checkCalendar(problems, "businessDayCalendar", businessDayCalendarId, knownCalendar);
    if (!(complianceGoal >= 0 && complianceGoal <= 1)) {
      problems.add("complianceGoal", "must be from 0 to 1, was " + complianceGoal);
    }
    if (!(warnAt > 0 && warnAt < 1)) {
      problems.add("warnAt", "must be greater than 0 and less than 1, was " + warnAt);
    }
    if (autoCloseAfterBusinessDays < 1) {
      problems.add(
          "autoCloseAfterBusinessDays", "must be 1 or more, was " + autoCloseAfterBusinessDays);
    }
    Set<PauseReason> reasons = pauseReasons(problems, pauseReasons);
    if (priorityMatrix != null) {
      List<PriorityMatrix.Rule> rules = priorityMatrix.rules();
      for (int i = 0; i < rules.size(); i++) {
        String priority = rules.get(i).priority();
        if (scale.stream().noneMatch(p -> p.id().equals(priority))) {
          problems.add(
              "priorityMatrix[" + i + "].priority", priority + " is not on the policy's scale");
        }
      }
    }
    problems.throwIfAny(id == null ? "policy" : "policy " + id);
    return new SlaPolicy(
        id,
        version,
        name,
        scale,
        businessDayCalendarId,
        complianceGoal,
        warnAt,
        autoCloseAfterBusinessDays,
        reasons,
        priorityMatrix);
  }

  /**
   * A builder starting from the defaults: version 1, compliance goal 0.80, warn at 0.75, auto-close
   * after 4 business days, pause reasons {@code AWAITING_CUSTOMER} only, no matrix.
   *
   * @param id the policy id, not null
   * @param name the policy name, not null
   * @return a new, mutable builder
   */
  public static Builder builder(String id, String name) {
    return new Builder(id, name);
  }

  private static List<Priority> scale(
      Problems problems, List<Priority> priorities, Predicate<String> knownCalendar) {
    if (priorities == null || priorities.isEmpty()) {
      problems.add("priorities", "a policy needs at least one priority");
      return List.of();
    }
    List<Priority> scale = new ArrayList<>();
    Map<String, Integer> firstIndex = new LinkedHashMap<>();
    for (int i = 0; i < priorities.size(); i++) {
      Priority priority = priorities.get(i);
      String field = "priorities[" + i + "]";
      if (priority == null) {
        problems.add(field, "must not be null");
        continue;
      }
      Integer previous = firstIndex.putIfAbsent(priority.id(), i);
      if (previous != null) {
        problems.add(
            field + ".id", priority.id() + " is listed twice (also priorities[" + previous + "])");
      } else {
        scale.add(priority);
      }
      priority
          .firstResponse()
          .ifPresent(
              t ->
                  checkCalendar(
                      problems, field + ".firstResponse.calendar", t.calendarId(), knownCalendar));
      priority
          .resolution()
          .ifPresent(
              t ->
                  checkCalendar(
                      problems, field + ".resolution.calendar", t.calendarId(), knownCalendar));
    }
    return List.copyOf(scale);
  }

  private static void checkCalendar(
      Problems problems, String field, String calendarId, Predicate<String> knownCalendar) {
    if (calendarId == null) {
      problems.add(field, "is required");
    } else if (!knownCalendar.test(calendarId)) {
      problems.add(field, "unknown calendar " + calendarId);
    }
  }

  private static Set<PauseReason> pauseReasons(
      Problems problems, Collection<PauseReason> pauseReasons) {
    EnumSet<PauseReason> reasons = EnumSet.of(PauseReason.AWAITING_CUSTOMER);
    if (pauseReasons != null) {
      for (PauseReason reason : pauseReasons) {
        if (reason == null) {
          problems.add("pauseReasons", "must not contain null");
        } else {
          reasons.add(reason);
        }
      }
    }
    return Collections.unmodifiableSet(reasons);
  }

  /**
   * The policy's id.
   *
   * @return the id, not null
   */
  public String id() {
    return id;
  }

  /**
   * The policy's version.
   *
   * @return the version, 1 or more
   */
  public int version() {
    return version;
  }

  /**
   * The human-readable name.
   *
   * @return the name, not null or blank
   */
  public String name() {
    return name;
  }

  /**
   * The priority scale, most urgent first.
   *
   * @return an unmodifiable, non-empty list with distinct ids, not null
   */
  public List<Priority> priorities() {
    return scale;
  }

  /**
   * The priority with an id.
   *
   * @param priorityId the id, may be null
   * @return the priority, or empty when the id is not on the scale
   */
  public Optional<Priority> priority(String priorityId) {
    return Optional.ofNullable(priorityId == null ? null : priorities.get(priorityId));
  }

  /**
   * Whether an id is on the priority scale.
   *
   * @param priorityId the id, may be null
   * @return true if a priority has that id
   */
  public boolean isOnScale(String priorityId) {
    return priorityId != null && priorities.containsKey(priorityId);
  }

  /**
   * The id of the calendar "business day" rules such as auto-close use.
   *
   * @return the calendar id, not null
   */
  public String businessDayCalendarId() {
    return businessDayCalendarId;
  }

  /**
   * Every calendar the policy names: the business-day calendar first, then each target's calendar
   * in scale order.
   *
   * @return an unmodifiable set without duplicates, in that order, not null
   */
  public Set<String> calendarIds() {
    return calendarIds;
  }

  /**
   * The share of tickets that must meet their targets.
   *
   * @return a fraction from 0 to 1
   */
  public double complianceGoal() {
    return complianceGoal;
  }

  /**
   * The fraction of a target after which a running clock is {@code AT_RISK}.
   *
   * @return a fraction strictly between 0 and 1
   */
  public double warnAt() {
    return warnAt;
  }

  /**
   * How long a resolved ticket waits for the customer's approval before it closes by itself, in
   * business days of the {@linkplain #businessDayCalendarId() business-day calendar}.
   *
   * @return the number of business days, 1 or more
   */
  public int autoCloseAfterBusinessDays() {
    return autoCloseAfterBusinessDays;
  }

  /**
   * The pause reasons that stop the clocks.
   *
   * @return an unmodifiable set that always holds {@code AWAITING_CUSTOMER}, not null
   */
  public Set<PauseReason> pauseReasons() {
    return pauseReasons;
  }

  /**
   * Whether pausing with a reason stops the clocks under this policy.
   *
   * @param reason the pause reason, not null
   * @return true for {@code AWAITING_CUSTOMER} and for each reason the policy lists
   */
  public boolean countsPause(PauseReason reason) {
    return pauseReasons.contains(Objects.requireNonNull(reason, "reason"));
  }

  /**
   * The priority matrix.
   *
   * @return the matrix, or empty when priorities are only given directly
   */
  public Optional<PriorityMatrix> priorityMatrix() {
    return Optional.ofNullable(priorityMatrix);
  }

  /**
   * Derives a priority from severity, impact and urgency with the policy's matrix.
   *
   * @param severity the severity, or null when unknown
   * @param impact the impact, or null when unknown
   * @param urgency the urgency, or null when unknown
   * @return an id on the scale, or empty when the policy has no matrix or no rule matches
   */
  public Optional<String> derivePriority(Severity severity, Impact impact, Urgency urgency) {
    return priorityMatrix == null
        ? Optional.empty()
        : priorityMatrix.derive(severity, impact, urgency);
  }

  /**
   * Whether the policy has any SLA target at all.
   *
   * @return false for a "standard" plan in which no priority has a target
   */
  public boolean hasSla() {
    return scale.stream().anyMatch(Priority::hasTarget);
  }

  /**
   * A copy of this policy with another version; everything else is unchanged.
   *
   * @param newVersion the version, 1 or more
   * @return this policy if the version is the same, otherwise a new policy
   * @throws InvalidDefinitionException if {@code newVersion < 1}
   */
  public SlaPolicy withVersion(int newVersion) {
    if (newVersion < 1) {
      throw new InvalidDefinitionException(
          "policy " + id, "version", "must be 1 or more, was " + newVersion);
    }
    if (newVersion == version) {
      return this;
    }
    return new SlaPolicy(
        id,
        newVersion,
        name,
        scale,
        businessDayCalendarId,
        complianceGoal,
        warnAt,
        autoCloseAfterBusinessDays,
        pauseReasons,
        priorityMatrix);
  }

  /**
   * Equal when every property is equal, including the version and the order of the scale.
   *
   * @param obj the other object, may be null
   * @return true if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof SlaPolicy other
        && version == other.version
        && Double.compare(complianceGoal, other.complianceGoal) == 0
        && Double.compare(warnAt, other.warnAt) == 0
        && autoCloseAfterBusinessDays == other.autoCloseAfterBusinessDays
        && id.equals(other.id)
        && name.equals(other.name)
        && scale.equals(other.scale)
        && businessDayCalendarId.equals(other.businessDayCalendarId)
        && pauseReasons.equals(other.pauseReasons)
        && Objects.equals(priorityMatrix, other.priorityMatrix);
  }

  /**
   * A hash of every property.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        version,
        name,
        scale,
        businessDayCalendarId,
        complianceGoal,
        warnAt,
        autoCloseAfterBusinessDays,
        pauseReasons,
        priorityMatrix);
  }

  /**
   * A short description, e.g. {@code SlaPolicy[pronnus v1 scale=[URGENT, HIGH, MEDIUM, LOW]
   * businessDayCalendar=br-8x5]}.
   *
   * @return the description, not null
   */
  @Override
  public String toString() {
    return "SlaPolicy["
        + id
        + " v"
        + version
        + " scale="
        + priorities.keySet()
        + " businessDayCalendar="
        + businessDayCalendarId
        + (hasSla() ? "" : " no SLA")
        + "]";
  }

  /**
   * Collects the parts of a policy and builds it with {@link SlaPolicy#of}. Mutable and not
   * thread-safe; the policy it builds is immutable.
   */
  public static final class Builder {
    private final String id;
    private final String name;
    private int version = 1;
    private final List<Priority> priorities = new ArrayList<>();
    private String businessDayCalendarId;
    private double complianceGoal = DEFAULT_COMPLIANCE_GOAL;
    private double warnAt = DEFAULT_WARN_AT;
    private int autoCloseAfterBusinessDays = DEFAULT_AUTO_CLOSE_AFTER_BUSINESS_DAYS;
    private final Set<PauseReason> pauseReasons = EnumSet.of(PauseReason.AWAITING_CUSTOMER);
    private PriorityMatrix priorityMatrix;

    private Builder(String id, String name) {
      this.id = id;
      this.name = name;
    }

    /**
     * Sets the version (default 1).
     *
     * @param version the version, checked by {@link #build}
     * @return this builder
     */
    public Builder version(int version) {
      this.version = version;
      return this;
    }

    /**
     * Appends a priority to the scale, below those added before.
     *
     * @param priority the priority, checked by {@link #build}
     * @return this builder
     */
    public Builder priority(Priority priority) {
      priorities.add(priority);
      return this;
    }

    /**
     * Sets the business-day calendar (required).
     *
     * @param calendarId the calendar id, checked by {@link #build}
     * @return this builder
     */
    public Builder businessDayCalendar(String calendarId) {
      this.businessDayCalendarId = calendarId;
      return this;
    }

    /**
     * Sets the compliance goal (default 0.80).
     *
     * @param complianceGoal a fraction from 0 to 1, checked by {@link #build}
     * @return this builder
     */
    public Builder complianceGoal(double complianceGoal) {
      this.complianceGoal = complianceGoal;
      return this;
    }

    /**
     * Sets the at-risk fraction (default 0.75).
     *
     * @param warnAt a fraction strictly between 0 and 1, checked by {@link #build}
     * @return this builder
     */
    public Builder warnAt(double warnAt) {
      this.warnAt = warnAt;
      return this;
    }

    /**
     * Sets the auto-close delay (default 4 business days).
     *
     * @param businessDays 1 or more, checked by {@link #build}
     * @return this builder
     */
    public Builder autoCloseAfterBusinessDays(int businessDays) {
      this.autoCloseAfterBusinessDays = businessDays;
      return this;
    }

    /**
     * Adds pause reasons that stop the clocks; {@code AWAITING_CUSTOMER} is always included.
     *
     * @param reasons the reasons, not null
     * @return this builder
     */
    public Builder pauseReasons(PauseReason... reasons) {
      pauseReasons.addAll(List.of(reasons));
      return this;
    }

    /**
     * Sets the priority matrix (default none).
     *
     * @param matrix the matrix, or null for none
     * @return this builder
     */
    public Builder priorityMatrix(PriorityMatrix matrix) {
      this.priorityMatrix = matrix;
      return this;
    }

    /**
     * Builds and validates the policy.
     *
     * @param knownCalendar tells whether a calendar id exists, not null
     * @return the policy, not null
     * @throws InvalidDefinitionException listing every rule the definition breaks
     */
    public SlaPolicy build(Predicate<String> knownCalendar) {
      return SlaPolicy.of(
          id,
          version,
          name,
          priorities,
          businessDayCalendarId,
          complianceGoal,
          warnAt,
          autoCloseAfterBusinessDays,
          pauseReasons,
          priorityMatrix,
          knownCalendar);
    }
  }
}
