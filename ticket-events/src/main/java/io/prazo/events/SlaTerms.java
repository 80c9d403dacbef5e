package io.prazo.events;

import java.util.Map;

/**
 * The exact policy and calendar versions a ticket's clocks are computed with, fixed when the ticket
 * opens so that replaying history always gives the clocks that were shown live.
 *
 * @param policyId the policy (SLA plan) id, not null
 * @param policyVersion the policy's version, 1 or more
 * @param calendarVersions the version of every calendar the policy names, by calendar id; an
 *     immutable copy. A calendar absent from the map is taken at version 1 (tickets opened before
 *     calendar versions were recorded).
 */
public record SlaTerms(String policyId, int policyVersion, Map<String, Integer> calendarVersions) {
  /** Copies the map. */
  public SlaTerms {
    calendarVersions = calendarVersions == null ? Map.of() : Map.copyOf(calendarVersions);
  }

  /**
   * The version of a calendar under these terms.
   *
   * @param calendarId the calendar id, not null
   * @return the recorded version, or 1 when none was recorded
   */
  public int calendarVersion(String calendarId) {
    return calendarVersions.getOrDefault(calendarId, 1);
  }
}
