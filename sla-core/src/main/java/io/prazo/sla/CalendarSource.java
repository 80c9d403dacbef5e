package io.prazo.sla;

/**
 * Looks up a calendar at an exact version. {@link SlaClocks#evaluate} asks for each calendar a
 * ticket's clocks need, at the version the ticket's {@link io.prazo.events.SlaTerms} record, so
 * that replaying history gives the clocks that were shown live.
 *
 * <p>Implementation Requirements: implementations must be thread-safe if shared between threads,
 * and should answer from memory (a map), because clocks may be evaluated for many tickets per
 * second. Returning the same instance for the same id and version lets {@link BusinessTime} reuse
 * its index of the calendar without comparing calendars.
 */
@FunctionalInterface
public interface CalendarSource {

  /**
   * The calendar with an id at a version.
   *
   * @param id the calendar id, e.g. {@code br-8x5}, not null
   * @param version the calendar version, 1 or more
   * @return the calendar, whose {@link BusinessCalendar#id()} is {@code id} and whose {@link
   *     BusinessCalendar#version()} is {@code version}; never null
   * @throws IllegalArgumentException if no calendar has that id at that version
   */
  BusinessCalendar calendar(String id, int version);
}
