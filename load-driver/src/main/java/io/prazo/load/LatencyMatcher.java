package io.prazo.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Pairs accepted commands with the records that publish their events: a command answered with
 * {@code version} v for ticket t is consumed when the record with key t and {@code sequence} v
 * arrives (the answer's version is the sequence of the command's last event). Either side may come
 * first; a record that arrives before the command's answer counts as 0.
 *
 * <p>Thread-safe: the clients that send the commands and the consumer thread call it at once. Times
 * are {@link System#nanoTime()} readings.
 */
final class LatencyMatcher {

  /**
   * What the matcher found.
   *
   * @param latencies accepted-to-consumed of the measured commands, microseconds
   * @param matched measured commands whose record arrived
   * @param recordFirst of those, the ones whose record arrived before the answer (counted as 0)
   * @param neverMatched measured commands whose record has not arrived
   * @param neverMatchedExamples a few of those, as {@code ticket/sequence}
   */
  record Outcome(
      Histogram latencies,
      long matched,
      long recordFirst,
      long neverMatched,
      List<String> neverMatchedExamples) {}

  static final int MAX_EXAMPLES = 10;

  private record Event(String ticketId, long sequence) {}

  private record Answer(long acceptedNanos, boolean measured) {}

  private final Map<Event, Answer> waiting = new HashMap<>();
  private final Map<Event, Long> arrivedFirst = new HashMap<>();
  private final Histogram latencies = Histograms.micros();
  private long matched;
  private long recordFirst;
  private long measuredWaiting;

  /**
   * A command's answer arrived.
   *
   * @param measured whether the command belongs to the measured window (a warm-up command is paired
   *     too, but not recorded)
   */
  synchronized void accepted(String ticketId, long version, long acceptedNanos, boolean measured) {
    Event event = new Event(ticketId, version);
    Long consumed = arrivedFirst.remove(event);
    if (consumed != null) {
      if (measured) {
        matched++;
        recordFirst++;
        Histograms.record(latencies, acceptedNanos, Math.max(acceptedNanos, consumed));
      }
      return;
    }
    if (waiting.putIfAbsent(event, new Answer(acceptedNanos, measured)) == null && measured) {
      measuredWaiting++;
    }
  }

  /**
   * A record arrived. One that no command waits for is kept, in case the command's answer is still
   * on its way; a repeat of a record already paired is kept too, and never paired again (each
   * version is answered once).
   */
  synchronized void consumed(String ticketId, long sequence, long consumedNanos) {
    Event event = new Event(ticketId, sequence);
    Answer answer = waiting.remove(event);
    if (answer == null) {
      arrivedFirst.putIfAbsent(event, consumedNanos);
      return;
    }
    if (answer.measured()) {
      measuredWaiting--;
      matched++;
      Histograms.record(latencies, answer.acceptedNanos(), consumedNanos);
    }
  }

  /** Measured commands still waiting for their record. */
  synchronized long measuredWaiting() {
    return measuredWaiting;
  }

  /** The figures so far; what still waits counts as never matched. */
  synchronized Outcome outcome() {
    List<String> examples = new ArrayList<>();
    for (Map.Entry<Event, Answer> entry : waiting.entrySet()) {
      if (examples.size() >= MAX_EXAMPLES) {
        break;
      }
      if (entry.getValue().measured()) {
        examples.add(entry.getKey().ticketId() + "/" + entry.getKey().sequence());
      }
    }
    examples.sort(null);
    return new Outcome(latencies.copy(), matched, recordFirst, measuredWaiting, examples);
  }
}
