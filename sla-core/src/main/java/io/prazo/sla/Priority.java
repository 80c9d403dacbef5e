package io.prazo.sla;

import io.prazo.events.SlaMetric;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a policy's priority scale, such as {@code P0 "Prioridade Máxima"}, with its SLA
 * targets. Either target may be absent, meaning that clock has no target ({@code NOT_APPLICABLE}).
 *
 * <p>Implementation Requirements: this class is immutable and thread-safe.
 */
public final class Priority {

  private final String id;
  private final String label;
  private final String description;
  private final SlaTarget firstResponse;
  private final SlaTarget resolution;

  private Priority(
      String id, String label, String description, SlaTarget firstResponse, SlaTarget resolution) {
    this.id = id;
    this.label = label;
    this.description = description;
    this.firstResponse = firstResponse;
    this.resolution = resolution;
  }

  /**
   * Obtains a validated priority.
   *
   * @param id the id on the scale, e.g. {@code P0} or {@code URGENT}: 1 to 64 letters, digits,
   *     {@code .}, {@code _} or {@code -}; not null
   * @param label a human-readable label, not null or blank
   * @param description a longer description, may be null; a blank description is stored as null
   * @param firstResponse the first-response target, or null for none
   * @param resolution the resolution target, or null for none
   * @return the priority, not null
   * @throws InvalidDefinitionException listing every problem, with fields {@code id} and {@code
   *     label}
   */
  public static Priority of(
      String id, String label, String description, SlaTarget firstResponse, SlaTarget resolution) {
    Problems problems = new Problems();
    problems.requireId("id", id);
    problems.requireText("label", label);
    problems.throwIfAny(id == null ? "priority" : "priority " + id);
    String text = description == null || description.isBlank() ? null : description;
    return new Priority(id, label, text, firstResponse, resolution);
  }

  /**
   * The id on the policy's scale.
   *
   * @return the id, not null
   */
  public String id() {
    return id;
  }

  /**
   * The human-readable label.
   *
   * @return the label, not null or blank
   */
  public String label() {
    return label;
  }

  /**
   * The longer description.
   *
   * @return the description, or null when there is none
   */
  public String description() {
    return description;
  }

  /**
   * The first-response target.
   *
   * @return the target, or empty when first response has no target
   */
  public Optional<SlaTarget> firstResponse() {
    return Optional.ofNullable(firstResponse);
  }

  /**
   * The resolution target.
   *
   * @return the target, or empty when resolution has no target
   */
  public Optional<SlaTarget> resolution() {
    return Optional.ofNullable(resolution);
  }

  /**
   * The target of one clock.
   *
   * @param metric the clock, not null
   * @return the target, or empty when that clock has no target
   */
  public Optional<SlaTarget> target(SlaMetric metric) {
    return switch (Objects.requireNonNull(metric, "metric")) {
      case FIRST_RESPONSE -> firstResponse();
      case RESOLUTION -> resolution();
    };
  }

  /**
   * Whether this priority has at least one target.
   *
   * @return true if first response or resolution has a target
   */
  public boolean hasTarget() {
    return firstResponse != null || resolution != null;
  }

  /**
   * Equal when id, label, description and both targets are equal.
   *
   * @param obj the other object, may be null
   * @return true if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof Priority other
        && id.equals(other.id)
        && label.equals(other.label)
        && Objects.equals(description, other.description)
        && Objects.equals(firstResponse, other.firstResponse)
        && Objects.equals(resolution, other.resolution);
  }

  /**
   * A hash of every property.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(id, label, description, firstResponse, resolution);
  }

  /**
   * A short description, e.g. {@code Priority[P1 "Urgent" firstResponse=PT30M@24x7
   * resolution=PT4H@24x7]}.
   *
   * @return the description, not null
   */
  @Override
  public String toString() {
    return "Priority["
        + id
        + " \""
        + label
        + "\" firstResponse="
        + (firstResponse == null ? "none" : firstResponse)
        + " resolution="
        + (resolution == null ? "none" : resolution)
        + "]";
  }
}
