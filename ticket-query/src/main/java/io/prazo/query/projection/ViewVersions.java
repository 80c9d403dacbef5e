package io.prazo.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Readers waiting for a ticket's view to reach a version ({@code ?minVersion=}), woken when a batch
 * that stored it commits in this JVM. A reader must look at the table again when woken, and now and
 * then while waiting: another instance may hold the ticket's segment.
 */
public class ViewVersions {
  private record Waiter(long version, CompletableFuture<Void> landed) {}

  private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

  /**
   * Registers interest in a version of a ticket's view.
   *
   * @return completes once a version at least as high has been stored by this JVM; cancel it when
   *     done waiting
   */
  public CompletableFuture<Void> await(String ticketId, long version) {
    CompletableFuture<Void> landed = new CompletableFuture<>();
    Waiter waiter = new Waiter(version, landed);
    waiters.compute(
        ticketId,
        (id, list) -> {
          List<Waiter> next = list == null ? new ArrayList<>(1) : list;
          next.add(waiter);
          return next;
        });
    landed.whenComplete((ignored, failure) -> forget(ticketId, waiter));
    return landed;
  }

  /** A ticket's view has been stored at a version. */
  public void landed(String ticketId, long version) {
    List<Waiter> due = new ArrayList<>(1);
    waiters.computeIfPresent(
        ticketId,
        (id, list) -> {
          list.removeIf(
              waiter -> {
                boolean reached = waiter.version() <= version;
                if (reached) {
                  due.add(waiter);
                }
                return reached;
              });
          return list.isEmpty() ? null : list;
        });
    due.forEach(w -> w.landed().complete(null));
  }

  /** How many tickets have readers waiting (for tests). */
  public int waitingTickets() {
    return waiters.size();
  }

  private void forget(String ticketId, Waiter waiter) {
    waiters.computeIfPresent(
        ticketId,
        (id, list) -> {
          list.remove(waiter);
          return list.isEmpty() ? null : list;
        });
  }
}
