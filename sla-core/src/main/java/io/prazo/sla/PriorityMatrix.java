package io.prazo.sla;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An ITIL-style priority matrix: derives a priority from severity, impact and urgency with an
 * ordered list of rules. Each rule names a value for any of the three inputs (an absent condition
 * matches anything) and the priority it gives; the <strong>first</strong> matching rule wins.
 *
 * <p>An input may be unknown (null). A rule that names a condition does not match an unknown input,
 * so only rules that leave that condition open apply.
 *
 * <p>{@link #of(List)} requires every complete combination of the inputs (4 severities × 3 impacts
 * × 3 urgencies = 36) to be matched by some rule, so a matrix always derives a priority when all
 * three inputs are known. Whether each rule's priority is on a policy's scale is checked by {@link
 * SlaPolicy#of}.
 *
 * <p>Implementation Requirements: this class is immutable and thread-safe.
 */
public final class PriorityMatrix {

  private final List<Rule> rules;

  private PriorityMatrix(List<Rule> rules) {
    this.rules = rules;
  }

  /**
   * Obtains a validated matrix.
   *
   * @param rules the rules in the order they are tried, not null, not empty, no null elements;
   *     copied
   * @return the matrix, not null
   * @throws InvalidDefinitionException listing every problem; fields are relative to the rule list,
   *     e.g. {@code [2].priority}, and the empty field for missing coverage
   */
  public static PriorityMatrix of(List<Rule> rules) {
    Problems problems = new Problems();
    if (rules == null || rules.isEmpty()) {
      problems.add("", "a priority matrix needs at least one rule");
      problems.throwIfAny("priority matrix");
    }
    List<Rule> copy = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (rule == null) {
        problems.add("[" + i + "]", "must not be null");
      } else {
        if (rule.priority().isBlank()) {
          problems.add("[" + i + "].priority", "must not be blank");
        }
        copy.add(rule);
      }
    }
    List<String> uncovered = new ArrayList<>();
    for (Severity severity : Severity.values()) {
      for (Impact impact : Impact.values()) {
        for (Urgency urgency : Urgency.values()) {
          if (copy.stream().noneMatch(r -> r.matches(severity, impact, urgency))) {
            uncovered.add(severity + "/" + impact + "/" + urgency);
          }
        }
      }
    }
    if (!uncovered.isEmpty()) {
      problems.add(
          "",
          "no rule matches "
              + uncovered.size()
              + " of the 36 severity/impact/urgency combinations: "
              + String.join(", ", uncovered));
    }
    problems.throwIfAny("priority matrix");
    return new PriorityMatrix(List.copyOf(copy));
  }

  /**
   * Derives a priority: the priority of the first rule that matches.
   *
   * @param severity the severity, or null when unknown
   * @param impact the impact, or null when unknown
   * @param urgency the urgency, or null when unknown
   * @return the priority id; always present when all three inputs are known, possibly empty
   *     otherwise
   */
  public Optional<String> derive(Severity severity, Impact impact, Urgency urgency) {
    for (Rule rule : rules) {
      if (rule.matches(severity, impact, urgency)) {
        return Optional.of(rule.priority());
      }
    }
    return Optional.empty();
  }

  /**
   * The rules in the order they are tried.
   *
   * @return an unmodifiable, non-empty list, not null
   */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Every priority id some rule gives, in rule order.
   *
   * @return an unmodifiable set, not null
   */
  public Set<String> priorities() {
    Set<String> ids = new LinkedHashSet<>();
    for (Rule rule : rules) {
      ids.add(rule.priority());
    }
    return Collections.unmodifiableSet(ids);
  }

  /**
   * Equal when the rules are equal and in the same order.
   *
   * @param obj the other object, may be null
   * @return true if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof PriorityMatrix other && rules.equals(other.rules);
  }

  /**
   * A hash of the rules.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return rules.hashCode();
  }

  /**
   * The rules in order, each as {@link Rule#toString()}.
   *
   * @return the description, not null
   */
  @Override
  public String toString() {
    return "PriorityMatrix" + rules;
  }

  /**
   * One rule of a matrix. A plain, immutable carrier.
   *
   * @param severity the severity it requires, or null for any severity
   * @param impact the impact it requires, or null for any impact
   * @param urgency the urgency it requires, or null for any urgency
   * @param priority the priority id it gives, not null
   */
  public record Rule(Severity severity, Impact impact, Urgency urgency, String priority) {

    /**
     * Checks the priority.
     *
     * @param severity the required severity, or null for any
     * @param impact the required impact, or null for any
     * @param urgency the required urgency, or null for any
     * @param priority the priority id, not null
     * @throws NullPointerException if {@code priority} is null
     */
    public Rule {
      Objects.requireNonNull(priority, "priority");
    }

    /**
     * Whether this rule applies to the inputs. A condition the rule names must equal the input; an
     * unknown (null) input matches only an absent condition.
     *
     * @param severity the severity, or null when unknown
     * @param impact the impact, or null when unknown
     * @param urgency the urgency, or null when unknown
     * @return true if every condition the rule names is met
     */
    public boolean matches(Severity severity, Impact impact, Urgency urgency) {
      return (this.severity == null || this.severity == severity)
          && (this.impact == null || this.impact == impact)
          && (this.urgency == null || this.urgency == urgency);
    }

    /**
     * The rule as {@code severity/impact/urgency -> priority}, {@code *} for an absent condition.
     *
     * @return the text, not null
     */
    @Override
    public String toString() {
      return (severity == null ? "*" : severity)
          + "/"
          + (impact == null ? "*" : impact)
          + "/"
          + (urgency == null ? "*" : urgency)
          + " -> "
          + priority;
    }
  }
}
