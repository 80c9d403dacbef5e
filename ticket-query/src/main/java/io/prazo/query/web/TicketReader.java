package io.prazo.query.web;

import io.prazo.query.projection.TicketView;
import io.prazo.query.projection.TicketViewStore;
import io.prazo.query.projection.ViewVersions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/** Reads a ticket's view, waiting a bounded time for a version a command has just written. */
public class TicketReader {
  /** How often a waiting reader looks at the table even without news from this JVM. */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final TicketViewStore views;
  private final ViewVersions versions;
  private final EventStorageEngine events;

  public TicketReader(TicketViewStore views, ViewVersions versions, EventStorageEngine events) {
    this.views = views;
    this.versions = versions;
    this.events = events;
  }

  /** The view has not reached the version asked for within the wait. */
  public static class ViewBehindException extends RuntimeException {
    private final long version;

    ViewBehindException(String ticketId, long version, long wanted, Duration waited) {
      super(
          "the view of ticket "
              + ticketId
              + (version < 0 ? " does not exist yet" : " is at version " + version)
              + ", not "
              + wanted
              + ", after waiting "
              + waited.toMillis()
              + " ms; try again");
      this.version = version;
    }

    /** The view's version, or -1 when it does not exist yet. */
    public long version() {
      return version;
    }
  }

  /** A ticket's view as it is now. */
  public Optional<TicketView> read(String ticketId) {
    return views.load(ticketId);
  }

  /**
   * A ticket's view once it has reached a version.
   *
   * @return the view at that version or later; empty when the event store has no such ticket
   * @throws ViewBehindException when the view is still behind after {@code maxWait}
   */
  public Optional<TicketView> read(String ticketId, long minVersion, Duration maxWait) {
    Optional<TicketView> view = views.load(ticketId);
    if (reached(view, minVersion)) {
      return view;
    }
    if (view.isEmpty() && events.lastSequenceNumberFor(ticketId).isEmpty()) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      // Registered before looking, so a version landing in between still wakes this reader.
      CompletableFuture<Void> landed = versions.await(ticketId, minVersion);
      try {
        view = views.load(ticketId);
        if (reached(view, minVersion)) {
          return view;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new ViewBehindException(
              ticketId, view.map(TicketView::version).orElse(-1L), minVersion, maxWait);
        }
        landed.get(Math.min(left, RECHECK_NANOS), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // look again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ViewBehindException(
            ticketId, view.map(TicketView::version).orElse(-1L), minVersion, maxWait);
      } finally {
        landed.cancel(false);
      }
    }
  }

  private static boolean reached(Optional<TicketView> view, long minVersion) {
    return view.isPresent() && view.get().version() >= minVersion;
  }
}
