package io.prazo.sla.projector.deadline;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Looks for due actions every poll interval and sends them, on a thread of its own. */
public class DeadlineScheduler implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(DeadlineScheduler.class);

  private final ActionFirer firer;
  private final Duration interval;
  private final BooleanSupplier ready;
  private volatile Thread thread;

  /**
   * @param ready whether ticket-command can be reached yet (the standalone's own web server has
   *     started)
   */
  public DeadlineScheduler(ActionFirer firer, Duration interval, BooleanSupplier ready) {
    this.firer = firer;
    this.interval = interval;
    this.ready = ready;
  }

  @Override
  public void start() {
    Thread t = new Thread(this::run, "sla-deadlines");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void stop() {
    Thread t = thread;
    thread = null;
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  /** After the web server (so the standalone can call itself); stops before it. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }

  private void run() {
    while (thread == Thread.currentThread()) {
      try {
        Thread.sleep(interval.toMillis());
        if (ready.getAsBoolean()) {
          firer.fireDue();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("due actions not sent this time: {}", e.toString());
      }
    }
  }
}
