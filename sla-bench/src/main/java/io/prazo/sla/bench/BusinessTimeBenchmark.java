package io.prazo.sla.bench;

import io.prazo.sla.BusinessCalendar;
import io.prazo.sla.BusinessTime;
import io.prazo.sla.Presets;
import io.prazo.sla.ReferenceAccess;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link BusinessTime#plus} and {@link BusinessTime#workingTime} on the preset {@code br-8x5}
 * calendar of 2026, against the minute-stepping reference of sla-core's tests.
 *
 * <p>Each invocation takes the next of {@value #STARTS} precomputed, minute-aligned weekday start
 * instants (different weekdays and times of day, in and out of working hours), so the JIT cannot
 * fold a constant argument. For {@code workingTime} the end instant of each start is precomputed as
 * {@code plus(start, span)}, so both operations cover the same working time.
 *
 * <p>Run: {@code java -jar sla-bench/target/sla-bench.jar BusinessTimeBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BusinessTimeBenchmark {

  private static final int STARTS = 16;

  /** The working time added or measured: 30 minutes, 56 business hours, 2 business days. */
  @Param({"30m", "56h", "2d"})
  public String span;

  private BusinessCalendar calendar;
  private Duration duration;
  private Instant[] starts;
  private Instant[] ends;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    calendar =
        Presets.calendars(Year.of(2026)).stream()
            .filter(c -> c.id().equals(Presets.CALENDAR_BR_8X5))
            .findFirst()
            .orElseThrow();
    duration =
        switch (span) {
          case "30m" -> Duration.ofMinutes(30);
          case "56h" -> Duration.ofHours(56);
          case "2d" -> calendar.dayLength().multipliedBy(2);
          default -> throw new IllegalArgumentException("unknown span " + span);
        };
    starts = new Instant[STARTS];
    ends = new Instant[STARTS];
    LocalDateTime local = LocalDateTime.of(2026, 3, 2, 7, 15);
    int i = 0;
    while (i < STARTS) {
      DayOfWeek day = local.getDayOfWeek();
      if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
        starts[i] = local.atZone(calendar.zone()).toInstant();
        ends[i] = BusinessTime.plus(calendar, starts[i], duration);
        if (!ReferenceAccess.plus(calendar, starts[i], duration).equals(ends[i])) {
          throw new IllegalStateException("fast and reference plus disagree at " + starts[i]);
        }
        i++;
      }
      // Next day, 97 minutes later in the day (wrapping), so the starts spread over the day.
      local = local.plusDays(1).plusMinutes(97);
    }
    next = 0;
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) & (STARTS - 1);
    return i;
  }

  @Benchmark
  public void plusFast(Blackhole bh) {
    bh.consume(BusinessTime.plus(calendar, starts[nextIndex()], duration));
  }

  @Benchmark
  public void plusReference(Blackhole bh) {
    bh.consume(ReferenceAccess.plus(calendar, starts[nextIndex()], duration));
  }

  @Benchmark
  public void workingTimeFast(Blackhole bh) {
    int i = nextIndex();
    bh.consume(BusinessTime.workingTime(calendar, starts[i], ends[i]));
  }

  @Benchmark
  public void workingTimeReference(Blackhole bh) {
    int i = nextIndex();
    bh.consume(ReferenceAccess.workingTime(calendar, starts[i], ends[i]));
  }
}
