package io.prazo.eventstore;

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
 */
public record StreamingProjection(
    String name, String tokenTable, int segments, int batchSize, Duration fullBufferRecheck) {

  public StreamingProjection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tokenTable, "tokenTable");
    Objects.requireNonNull(fullBufferRecheck, "fullBufferRecheck");
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
              CoordinatorExecutor coordinator = new CoordinatorExecutor(name, fullBufferRecheck);
              config.onShutdown(coordinator::shutdown);
              return builder
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
   * sooner when the work packages were full.
   *
   * <p>Axon 4.13's coordinator stops reading when a work package holds 1,024 events (its fixed
   * buffer), and then waits 100 ms before looking again, however soon the package has room. During
   * a rebuild the reader is always ahead of the handler, so that happened after nearly every batch,
   * and the work packages sat idle for most of those 100 ms: a rebuild ran at about 20,000 events/s
   * with the machine half idle (docs/benchmarks.md, "SLA projection replay"). Here that wait is
   * {@code fullBufferRecheck} (2 ms by default) instead. 100 ms is the only delay the coordinator
   * schedules for that case; its other waits (none, the token claim interval, 500 ms, its error
   * back-off) are kept, so an idle processor polls no more often than before.
   */
  static final class CoordinatorExecutor extends ScheduledThreadPoolExecutor {
    /** The coordinator's wait when a work package is full (Axon 4.13's {@code Coordinator}). */
    static final long FULL_BUFFER_WAIT_MILLIS = 100;

    private final long recheckNanos;

    CoordinatorExecutor(String processorName, Duration recheck) {
      super(1, new AxonThreadFactory("Coordinator[" + processorName + "]"));
      this.recheckNanos = recheck.toNanos();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      if (unit.toMillis(delay) == FULL_BUFFER_WAIT_MILLIS) {
        return super.schedule(command, recheckNanos, TimeUnit.NANOSECONDS);
      }
      return super.schedule(command, delay, unit);
    }
  }
}
