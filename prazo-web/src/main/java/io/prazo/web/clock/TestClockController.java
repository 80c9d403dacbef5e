package io.prazo.web.clock;

import io.prazo.events.Role;
import io.prazo.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/test-clock}: read and move the test clock (only when {@code prazo.clock=test}). */
@RestController
@RequestMapping("/api/test-clock")
@Tag(name = "Test clock")
public class TestClockController {
  private final TestClock clock;
  private final TimeAdvancer advancer;

  public TestClockController(TestClock clock, TimeAdvancer advancer) {
    this.clock = clock;
    this.advancer = advancer;
  }

  /** The clock's reading. */
  public record Reading(Instant now) {}

  /** Where to move the clock: by a duration or to an instant, exactly one of them. */
  public record Move(Duration advanceBy, Instant setTo) {}

  @Operation(summary = "Read the test clock")
  @GetMapping
  public Reading now() {
    return new Reading(clock.instant());
  }

  @Operation(summary = "Move the test clock forward; returns when everything due has fired")
  @PostMapping
  public Reading move(@RequestBody Move move, Caller caller) {
    if (!caller.hasAny(Role.SUPERVISOR, Role.SYSTEM)) {
      throw new AccessDeniedException("moving the test clock takes the supervisor or system role");
    }
    if ((move.advanceBy() == null) == (move.setTo() == null)) {
      throw new IllegalArgumentException("give exactly one of advanceBy and setTo");
    }
    Instant target;
    if (move.advanceBy() != null) {
      if (move.advanceBy().isNegative()) {
        throw new IllegalArgumentException("advanceBy must not be negative");
      }
      target = clock.instant().plus(move.advanceBy());
    } else {
      target = move.setTo();
    }
    return new Reading(advancer.advanceTo(target));
  }
}
