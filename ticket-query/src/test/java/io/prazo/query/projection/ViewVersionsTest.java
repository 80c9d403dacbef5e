package io.prazo.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readers waiting for a version of a ticket's view. Timeouts on {@code get} only guard against a
 * hung test: a lost wake-up fails it with a TimeoutException, nothing here measures time.
 */
class ViewVersionsTest {
  private static final long GUARD_SECONDS = 30;

  private final ViewVersions versions = new ViewVersions();
  private ExecutorService pool;

  @AfterEach
  void stopThreads() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  @Test
  void awaitCompletesWhenTheVersionLands() {
    CompletableFuture<Void> waiting = versions.await("T-1", 3);
    assertThat(waiting).isNotDone();
    assertThat(versions.waitingTickets()).isEqualTo(1);

    versions.landed("T-1", 3);

    assertThat(waiting).isCompleted();
    assertThat(versions.waitingTickets()).isZero();
  }

  @Test
  void awaitCompletesWhenAHigherVersionLands() {
    CompletableFuture<Void> waiting = versions.await("T-1", 3);

    versions.landed("T-1", 7);

    assertThat(waiting).isCompleted();
    assertThat(versions.waitingTickets()).isZero();
  }

  @Test
  void aLowerVersionDoesNotCompleteTheWait() {
    CompletableFuture<Void> waiting = versions.await("T-1", 3);

    versions.landed("T-1", 2);

    assertThat(waiting).isNotDone();
    assertThat(versions.waitingTickets()).isEqualTo(1);
    versions.landed("T-1", 3);
    assertThat(waiting).isCompleted();
  }

  @Test
  void anotherTicketsVersionDoesNotCompleteTheWait() {
    CompletableFuture<Void> waiting = versions.await("T-1", 1);

    versions.landed("T-2", 10);

    assertThat(waiting).isNotDone();
    assertThat(versions.waitingTickets()).isEqualTo(1);
  }

  @Test
  void aLandingWakesExactlyTheWaitersItReached() {
    CompletableFuture<Void> one = versions.await("T-1", 1);
    CompletableFuture<Void> two = versions.await("T-1", 2);
    CompletableFuture<Void> five = versions.await("T-1", 5);
    CompletableFuture<Void> otherTicket = versions.await("T-2", 1);

    versions.landed("T-1", 2);

    assertThat(one).isCompleted();
    assertThat(two).isCompleted();
    assertThat(five).isNotDone();
    assertThat(otherTicket).isNotDone();
    assertThat(versions.waitingTickets()).isEqualTo(2);
  }

  @Test
  void twoReadersOfTheSameVersionAreBothWoken() {
    CompletableFuture<Void> first = versions.await("T-1", 4);
    CompletableFuture<Void> second = versions.await("T-1", 4);

    versions.landed("T-1", 4);

    assertThat(first).isCompleted();
    assertThat(second).isCompleted();
  }

  @Test
  void aVersionThatLandedBeforeTheWaitIsNotRemembered() {
    // The reader looks at the table after registering; ViewVersions only signals later landings.
    versions.landed("T-1", 5);

    CompletableFuture<Void> waiting = versions.await("T-1", 3);

    assertThat(waiting).isNotDone();
  }

  @Test
  void cancellingAWaiterForgetsIt() {
    CompletableFuture<Void> waiting = versions.await("T-1", 3);

    waiting.cancel(false);

    assertThat(versions.waitingTickets()).isZero();
    versions.landed("T-1", 3);
    assertThat(waiting).isCancelled();
  }

  @Test
  void cancellingOneWaiterKeepsTheOthersOfTheTicket() {
    CompletableFuture<Void> cancelled = versions.await("T-1", 3);
    CompletableFuture<Void> kept = versions.await("T-1", 3);

    cancelled.cancel(false);

    assertThat(versions.waitingTickets()).isEqualTo(1);
    versions.landed("T-1", 3);
    assertThat(kept).isCompleted();
    assertThat(versions.waitingTickets()).isZero();
  }

  @Test
  void aWaitForAVersionThatNeverLandsOnlyEndsByCancelling() {
    // TicketReader parks on Long.MAX_VALUE between looks at the table.
    CompletableFuture<Void> parked = versions.await("T-1", Long.MAX_VALUE);

    versions.landed("T-1", 1_000_000);

    assertThat(parked).isNotDone();
    parked.cancel(false);
    assertThat(versions.waitingTickets()).isZero();
  }

  @Test
  void concurrentLandingsAndCancellationsWakeEveryWaiterRegisteredBefore() throws Exception {
    int tickets = 6;
    int waitersPerTicket = 200;
    List<List<CompletableFuture<Void>>> waiting = new ArrayList<>();
    pool = Executors.newFixedThreadPool(8);

    List<Callable<Void>> registrations = new ArrayList<>();
    List<List<CompletableFuture<Void>>> byThread = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch registering = new CountDownLatch(1);
    for (int t = 0; t < tickets; t++) {
      String id = "T-" + t;
      registrations.add(
          () -> {
            registering.await();
            List<CompletableFuture<Void>> mine = new ArrayList<>();
            for (int v = 1; v <= waitersPerTicket; v++) {
              mine.add(versions.await(id, v));
            }
            byThread.add(mine);
            return null;
          });
    }
    List<Future<Void>> registered = submitAll(registrations);
    registering.countDown();
    for (Future<Void> r : registered) {
      r.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }
    waiting.addAll(byThread);
    assertThat(versions.waitingTickets()).isEqualTo(tickets);

    // Landers land each ticket's versions in a shuffled order while a canceller cancels every
    // third waiter.
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Void>> work = new ArrayList<>();
    for (int t = 0; t < tickets; t++) {
      String id = "T-" + t;
      List<Long> order = new ArrayList<>();
      for (long v = 1; v <= waitersPerTicket; v++) {
        order.add(v);
      }
      Collections.shuffle(order);
      work.add(
          () -> {
            start.await();
            for (long v : order) {
              versions.landed(id, v);
            }
            return null;
          });
    }
    List<CompletableFuture<Void>> cancelled = new ArrayList<>();
    for (List<CompletableFuture<Void>> ofTicket : waiting) {
      for (int i = 0; i < ofTicket.size(); i += 3) {
        cancelled.add(ofTicket.get(i));
      }
    }
    work.add(
        () -> {
          start.await();
          cancelled.forEach(f -> f.cancel(false));
          return null;
        });
    List<Future<Void>> running = submitAll(work);
    start.countDown();
    for (Future<Void> r : running) {
      r.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }

    for (List<CompletableFuture<Void>> ofTicket : waiting) {
      for (CompletableFuture<Void> f : ofTicket) {
        assertThat(f).isDone();
        assertThat(f.isCompletedExceptionally()).isEqualTo(f.isCancelled());
      }
    }
    assertThat(versions.waitingTickets()).isZero();
  }

  @Test
  void readersFollowingTheProtocolNeverMissALanding() throws Exception {
    // The reader's protocol: register, then look at the table; the projection stores, then signals.
    // A reader that saw an older version in the table must then be woken by a landing.
    int tickets = 3;
    long lastVersion = 20_000;
    int readersPerTicket = 2;
    int readsPerReader = 2_000;
    AtomicLong[] table = new AtomicLong[tickets];
    for (int t = 0; t < tickets; t++) {
      table[t] = new AtomicLong();
    }
    pool = Executors.newFixedThreadPool(tickets * (readersPerTicket + 1));
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Void>> work = new ArrayList<>();
    for (int t = 0; t < tickets; t++) {
      String id = "T-" + t;
      AtomicLong stored = table[t];
      work.add(
          () -> {
            start.await();
            for (long v = 1; v <= lastVersion; v++) {
              stored.set(v);
              versions.landed(id, v);
            }
            return null;
          });
      for (int r = 0; r < readersPerTicket; r++) {
        work.add(
            () -> {
              start.await();
              for (int i = 0; i < readsPerReader; i++) {
                long wanted =
                    Math.min(
                        lastVersion, stored.get() + 1 + ThreadLocalRandom.current().nextInt(3));
                CompletableFuture<Void> landed = versions.await(id, wanted);
                if (stored.get() >= wanted) {
                  landed.cancel(false);
                } else {
                  landed.get(GUARD_SECONDS, TimeUnit.SECONDS);
                  assertThat(stored.get()).isGreaterThanOrEqualTo(wanted);
                }
              }
              return null;
            });
      }
    }
    List<Future<Void>> running = submitAll(work);
    start.countDown();
    for (Future<Void> r : running) {
      r.get(GUARD_SECONDS * 2, TimeUnit.SECONDS);
    }

    assertThat(versions.waitingTickets()).isZero();
  }

  private List<Future<Void>> submitAll(List<Callable<Void>> tasks) {
    List<Future<Void>> futures = new ArrayList<>();
    for (Callable<Void> task : tasks) {
      futures.add(pool.submit(task));
    }
    return futures;
  }
}
