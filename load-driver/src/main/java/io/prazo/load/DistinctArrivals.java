package io.prazo.load;

import java.util.HashSet;
import java.util.Set;

/**
 * Counts the distinct events of a known history as they arrive again (a rebuild republishes them),
 * and when: the first, the 10% and 90% marks (for the steady rate) and the last. A repeated event
 * counts once; an event outside the history is counted apart. Times are {@link System#nanoTime()}
 * readings. Not thread-safe.
 */
final class DistinctArrivals {

  private final Set<String> expected;
  private final Set<String> seen = new HashSet<>();
  private final long tenPercent;
  private final long ninetyPercent;
  private long unexpected;
  private long repeats;
  private long firstNanos;
  private long tenPercentNanos;
  private long ninetyPercentNanos;
  private long lastNanos;

  /**
   * @param expected the event ids of the history; not copied, and not to be changed meanwhile
   */
  DistinctArrivals(Set<String> expected) {
    this.expected = expected;
    this.tenPercent = Math.max(1, Math.round(expected.size() * 0.1));
    this.ninetyPercent = Math.max(1, Math.round(expected.size() * 0.9));
  }

  /** One record of event {@code id} arrived at {@code nanos}. */
  void arrived(String id, long nanos) {
    if (!expected.contains(id)) {
      unexpected++;
      return;
    }
    if (!seen.add(id)) {
      repeats++;
      return;
    }
    int count = seen.size();
    if (count == 1) {
      firstNanos = nanos;
    }
    if (count == tenPercent) {
      tenPercentNanos = nanos;
    }
    if (count == ninetyPercent) {
      ninetyPercentNanos = nanos;
    }
    lastNanos = nanos;
  }

  /** The history's size. */
  long expected() {
    return expected.size();
  }

  /** Distinct events of the history that arrived. */
  long distinct() {
    return seen.size();
  }

  boolean complete() {
    return seen.size() == expected.size();
  }

  /** Records of events outside the history. */
  long unexpected() {
    return unexpected;
  }

  /** Records of history events that had arrived before. */
  long repeats() {
    return repeats;
  }

  long firstNanos() {
    return firstNanos;
  }

  /** When the last new event of the history arrived. */
  long lastNanos() {
    return lastNanos;
  }

  /**
   * Events per second between the 10% and 90% marks, or 0 while the 90% mark has not been passed
   * (or both fell into one poll).
   */
  double steadyPerSecond() {
    if (seen.size() < ninetyPercent || ninetyPercentNanos == tenPercentNanos) {
      return 0;
    }
    return (ninetyPercent - tenPercent) / ((ninetyPercentNanos - tenPercentNanos) / 1e9);
  }
}
