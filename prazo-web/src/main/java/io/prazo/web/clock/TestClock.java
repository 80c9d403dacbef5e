package io.prazo.web.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until it is moved forward; what every component reads in test and demo
 * mode. Thread-safe; it never moves backwards.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;

  public TestClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    return new Zoned(this, zone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /** A view of the test clock in another zone: same instants, moved by the same calls. */
  private static final class Zoned extends Clock {
    private final TestClock source;
    private final ZoneId zone;

    Zoned(TestClock source, ZoneId zone) {
      this.source = source;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return source.withZone(other);
    }

    @Override
    public Instant instant() {
      return source.instant();
    }
  }

  /**
   * Moves the clock to an instant at or after the current one.
   *
   * @param target the new reading
   * @throws IllegalArgumentException if the target is in the clock's past
   */
  public void moveTo(Instant target) {
    now.updateAndGet(
        current -> {
          if (target.isBefore(current)) {
            throw new IllegalArgumentException(
                "the test clock only moves forward: it reads " + current + ", not " + target);
          }
          return target;
        });
  }
}
