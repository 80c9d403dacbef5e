package io.prazo.sla;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * A local date on which a calendar works no time at all. A plain, immutable carrier.
 *
 * @param date the date, in the calendar's zone, not null
 * @param name the holiday's name, e.g. {@code "Tiradentes"}; may be null (no name). A blank name is
 *     stored as null.
 */
public record Holiday(LocalDate date, String name) implements Comparable<Holiday> {

  /**
   * Checks the date and normalizes a blank name to null.
   *
   * @param date the date, not null
   * @param name the name, may be null
   * @throws NullPointerException if {@code date} is null
   */
  public Holiday {
    Objects.requireNonNull(date, "date");
    if (name != null && name.isBlank()) {
      name = null;
    }
  }

  /**
   * A holiday without a name.
   *
   * @param date the date, not null
   * @return the holiday, not null
   */
  public static Holiday of(LocalDate date) {
    return new Holiday(date, null);
  }

  /**
   * Orders by date, then by name (no name first).
   *
   * @param other the other holiday, not null
   * @return negative, zero or positive
   */
  @Override
  public int compareTo(Holiday other) {
    int cmp = date.compareTo(other.date);
    if (cmp != 0) {
      return cmp;
    }
    return Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(name, other.name);
  }
}
