package io.prazo.eventstore;

import org.axonframework.eventhandling.EventTrackerStatus;

/** When a segment's replay is over. */
public final class Replays {
  private Replays() {}

  /**
   * Whether a segment is still replaying. Axon keeps a segment's replay flag until it processes an
   * event past the reset point, which may not come for a while; the replay is over as soon as the
   * segment has processed the event it was reset at.
   */
  public static boolean replaying(EventTrackerStatus status) {
    if (!status.isReplaying()) {
      return false;
    }
    long reset = status.getResetPosition().orElse(Long.MAX_VALUE);
    return status.getCurrentPosition().orElse(-1) < reset;
  }
}
