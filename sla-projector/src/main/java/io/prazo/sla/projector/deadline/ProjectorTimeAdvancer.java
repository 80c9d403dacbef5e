package io.prazo.sla.projector.deadline;

import io.prazo.eventstore.Projections;
import io.prazo.web.clock.TestClock;
import io.prazo.web.clock.TimeAdvancer;
import io.prazo.web.problem.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Moves the test clock the way real time would pass (sla.md §6): it stops at each due instant in
 * order, sends what is due there with the clock reading that instant, waits until the effects are
 * in the store and every projection of this JVM has processed them (which may make new actions
 * due), and goes on. It returns once nothing owed by the target is left.
 */
public class ProjectorTimeAdvancer implements TimeAdvancer {
  private final TestClock clock;
  private final ActionFirer firer;
  private final Projections projections;
  private final Duration timeout;

  public ProjectorTimeAdvancer(
      TestClock clock, ActionFirer firer, Projections projections, Duration timeout) {
    this.clock = clock;
    this.firer = firer;
    this.projections = projections;
    this.timeout = timeout;
  }

  @Override
  public synchronized Instant advanceTo(Instant target) {
    if (target.isBefore(clock.instant())) {
      throw new IllegalArgumentException(
          "the test clock only moves forward: it reads " + clock.instant() + ", not " + target);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    awaitProjections(deadline);
    while (true) {
      Optional<Instant> next = firer.nextDue(target);
      if (next.isEmpty()) {
        break;
      }
      if (next.get().isAfter(clock.instant())) {
        clock.moveTo(next.get());
      }
      ActionFirer.Pass pass = firer.fireDue();
      if (pass.accepted() + pass.refused() == 0) {
        // Only failures, or a retry delay not over yet: ticket-command is unreachable or failing.
        pause(deadline, "due actions were not acknowledged by ticket-command");
      }
      awaitProjections(deadline);
    }
    clock.moveTo(target);
    return clock.instant();
  }

  private void awaitProjections(long deadline) {
    long head = projections.head();
    while (!projections.allProcessedUpTo(head)) {
      pause(deadline, "the projections did not catch up with the event store");
    }
  }

  private static void pause(long deadline, String why) {
    if (System.nanoTime() - deadline > 0) {
      throw new ErrorResponseException(
          HttpStatus.SERVICE_UNAVAILABLE,
          Problems.of(
              HttpStatus.SERVICE_UNAVAILABLE,
              "clock-not-settled",
              "The test clock could not settle",
              why + " in time; the clock stopped short of the target and can be moved again"),
          null);
    }
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while moving the test clock", e);
    }
  }
}
