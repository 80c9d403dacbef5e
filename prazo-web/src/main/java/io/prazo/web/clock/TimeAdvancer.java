package io.prazo.web.clock;

import java.time.Instant;

/**
 * Moves the test clock. The SLA projector provides one that stops at every due instant on the way
 * and fires what is due there before going on; without it the clock just jumps.
 */
public interface TimeAdvancer {
  /**
   * Moves the test clock to a later instant and returns once everything due by then is done.
   *
   * @param target the new reading, not before the current one
   * @return the clock's reading afterwards
   */
  Instant advanceTo(Instant target);
}
