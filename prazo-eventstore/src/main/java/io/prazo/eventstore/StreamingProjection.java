package io.prazo.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;

/**
 * How a Prazo projection reads the event store: one pooled streaming event processor per
 * projection, its tokens in a table of the projection's own schema, a failing event stopping its
 * segment until it succeeds (never skipped), and a reader that does not idle when the handlers fall
 * behind.
 *
 * @param name the processor's name, also its processing group's
 * @param tokenTable the token table, schema-qualified ({@code sla.token_entry})
 * @param segments the initial number of segments (threads that may work at once)
 * @param batchSize events per transaction
 * @param fullBufferRecheck how soon the reader looks again after finding the work packages full
 * @param idleRecheck how soon the reader looks again after finding no new event
 */
public record StreamingProjection(
    String name,
    String tokenTable,
    int segments,
    int batchSize,
    Duration fullBufferRecheck,
    Duration idleRecheck) {

  public StreamingProjection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tokenTable, "tokenTable");
    Objects.requireNonNull(fullBufferRecheck, "fullBufferRecheck");
    Objects.requireNonNull(idleRecheck, "idleRecheck");
    if (segments < 1 || batchSize < 1) {
      throw new IllegalArgumentException("segments and batchSize must be at least 1");
    }
  }

  /**
   * Registers the processor with one handler. Call it from a configuration class of its own (an
   * {@code @Autowired} method), so that registering does not need the handler's beans while they
   * are being made.
   */
  public void register(
      EventProcessingConfigurer processing,
      EventMessageHandler handler,
      ConnectionProvider connections,
      Serializer serializer) {
    TokenStore tokens =
        JdbcTokenStore.builder()
            .connectionProvider(connections)
            .serializer(serializer)
            .schema(EventStoreTables.tokenSchema(tokenTable))
            .contentType(byte[].class)
            .build();
    processing
        .registerPooledStreamingEventProcessor(
            name,
            Configuration::eventStore,
            (config, builder) -> {
              CoordinatorExecutor coordinator =
                  new CoordinatorExecutor(name, fullBufferRecheck, idleRecheck);
              config.onShutdown(coordinator::shutdown);
              // Back-offs and claim bookkeeping run on real time. Axon's default is the message
              // clock, which Prazo points at its own clock: a test clock standing still kept a
              // segment that had failed once from being claimed again until the clock moved.
              return builder
                  .clock(Clock.systemUTC())
                  .initialSegmentCount(segments)
                  .batchSize(batchSize)
                  .tokenClaimInterval(1000)
                  .coordinatorExecutor(coordinator);
            })
        .registerTokenStore(name, config -> tokens)
        .registerEventHandler(config -> handler)
        .assignHandlerInstancesMatching(name, candidate -> candidate == handler)
        .registerListenerInvocationErrorHandler(name, config -> PropagatingErrorHandler.instance());
  }

  /**
   * The thread of the processor's coordinator (the part of Axon's pooled streaming processor that
   * reads the event stream and hands the events to the segments' work packages), which looks again
   * sooner in the two cases where Axon 4.13's coordinator waits a fixed time.
   *
   * <ul>
   *   <li>A work package holds 1,024 events (its fixed buffer): Axon waits 100 ms, however soon the
   *       package has room. During a rebuild the reader is always ahead of the handlers, so that
   *       happened after nearly every batch and the work packages sat idle for most of those 100
   *       ms: a rebuild ran at about 20,000 events/s with the machine half idle
   *       (docs/benchmarks.md, "SLA projection replay"). Here the wait is {@code fullBufferRecheck}
   *       (2 ms by default).
   *   <li>No event is pending and the event store's stream offers no callback for new ones (the
   *       JDBC store's does not): Axon waits 500 ms, so a command's events reached the read models
   *       half a second late on average. Here the wait is {@code idleRecheck} (10 ms by default);
   *       looking costs no query, since the event store's own reader fetches new events (at once
   *       when they were committed in this JVM) and the coordinator only looks at its buffer.
   * </ul>
   *
   * 100 ms and 500 ms are the only delays the coordinator schedules for those cases; its other
   * waits are kept (none, the token claim interval). Its first back-off after an error is also 500
   * ms, and so becomes {@code idleRecheck}; the following ones (1 s, 2 s, ...) are unchanged.
   */
  static final class CoordinatorExecutor extends ScheduledThreadPoolExecutor {
    /** The coordinator's wait when a work package is full (Axon 4.13's {@code Coordinator}). */
    static final long FULL_BUFFER_WAIT_MILLIS = 100;

    /** The coordinator's wait when no event is pending and the stream has no callback. */
    static final long IDLE_WAIT_MILLIS = 500;

    private final long fullBufferNanos;
    private final long idleNanos;

    CoordinatorExecutor(String processorName, Duration fullBufferRecheck, Duration idleRecheck) {
      super(1, new AxonThreadFactory("Coordinator[" + processorName + "]"));
      this.fullBufferNanos = fullBufferRecheck.toNanos();
      this.idleNanos = idleRecheck.toNanos();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      long millis = unit.toMillis(delay);
      if (millis == FULL_BUFFER_WAIT_MILLIS) {
        return super.schedule(command, fullBufferNanos, TimeUnit.NANOSECONDS);
      }
      if (millis == IDLE_WAIT_MILLIS) {
        return super.schedule(command, idleNanos, TimeUnit.NANOSECONDS);
      }
      return super.schedule(command, delay, unit);
    }
  }
}
