package io.prazo.eventstore;

import java.time.Instant;

/** Values as PostgreSQL text, for the column arrays projections write a batch with. */
public final class SqlText {
  private SqlText() {}

  /**
   * An instant as {@code timestamptz} text, rounded to the microsecond half up as the JDBC driver
   * rounds a {@code Timestamp}: the stored value is the same as when each row was a statement of
   * its own.
   *
   * @param instant the instant, or null
   * @return ISO-8601 text, or null
   */
  public static String timestamptz(Instant instant) {
    if (instant == null) {
      return null;
    }
    long micros = (instant.getNano() + 500L) / 1000;
    return Instant.ofEpochSecond(instant.getEpochSecond(), micros * 1000).toString();
  }
}
