package io.prazo.sla.projector.projection;

import io.prazo.events.TicketEvent;
import io.prazo.events.TicketOpened;
import io.prazo.eventstore.CatalogReader;
import io.prazo.sla.ClockView;
import io.prazo.sla.SlaClocks;
import io.prazo.sla.SlaPolicy;
import io.prazo.sla.TicketSla;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Folds each ticket's events into its SLA state ({@link TicketSla}) and stores, once per batch and
 * ticket, the state with its due instants and the actions it is owed. A batch is one transaction
 * with the processor's token, so the table is always exactly the fold of the events up to the
 * token.
 *
 * <p>States of recently seen tickets stay in memory between batches; an entry is used only when its
 * version is exactly the incoming event's sequence number, so a stale entry (another instance
 * processed the ticket meanwhile, or a batch rolled back) is read again from the table.
 */
public class SlaProjection implements EventMessageHandler {
  private static final String BATCH = SlaProjection.class.getName() + ".batch";

  private final TicketClockStore store;
  private final CatalogReader catalog;
  private final Map<String, TicketSla> cache;

  public SlaProjection(TicketClockStore store, CatalogReader catalog, int cacheSize) {
    this.store = store;
    this.catalog = catalog;
    this.cache =
        Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, TicketSla> eldest) {
                return size() > cacheSize;
              }
            });
  }

  @Override
  public Object handle(EventMessage<?> message) {
    if (!(message.getPayload() instanceof TicketEvent event)
        || !(message instanceof DomainEventMessage<?> domain)) {
      return null;
    }
    long sequence = domain.getSequenceNumber();
    Map<String, TicketSla> batch = batch();
    String ticketId = event.ticketId();
    TicketSla state = batch.get(ticketId);
    if (state == null && !(event instanceof TicketOpened)) {
      state = cache.get(ticketId);
      if (state == null || state.version() != sequence) {
        state = store.load(ticketId).orElse(null);
      }
    }
    TicketSla next;
    if (event instanceof TicketOpened opened) {
      if (state != null) {
        return null; // already folded
      }
      next = TicketSla.opened(opened);
    } else if (state == null) {
      throw new IllegalStateException(
          "event " + sequence + " of ticket " + ticketId + " arrived before its TicketOpened");
    } else if (state.version() > sequence) {
      return null; // already folded
    } else if (state.version() < sequence) {
      throw new IllegalStateException(
          "ticket "
              + ticketId
              + ": event "
              + sequence
              + " arrived after event "
              + (state.version() - 1));
    } else {
      next = state.apply(event);
    }
    batch.put(ticketId, next);
    return null;
  }

  /** The clocks, due instants and owed actions of a state, as stored. */
  public ClockRow row(TicketSla sla) {
    SlaPolicy policy = catalog.policy(sla.terms().policyId(), sla.terms().policyVersion());
    SlaClocks clocks = SlaClocks.evaluate(sla, policy, catalog, sla.lastEventAt());
    ClockView first = clocks.firstResponse();
    ClockView resolution = clocks.resolution();
    return new ClockRow(
        sla,
        first.dueAt(),
        first.breachedAt(),
        resolution.dueAt(),
        resolution.breachedAt(),
        clocks.autoCloseAt().orElse(null),
        clocks.pendingActions());
  }

  @Override
  public boolean supportsReset() {
    return true;
  }

  @Override
  public void prepareReset() {
    cache.clear();
    store.clear();
  }

  @Override
  public <R> void prepareReset(R resetContext) {
    prepareReset();
  }

  @SuppressWarnings("unchecked")
  private Map<String, TicketSla> batch() {
    UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
    Map<String, TicketSla> batch = (Map<String, TicketSla>) unit.resources().get(BATCH);
    if (batch == null) {
      Map<String, TicketSla> created = new LinkedHashMap<>();
      unit.resources().put(BATCH, created);
      unit.onPrepareCommit(u -> flush(created));
      unit.onRollback(u -> created.keySet().forEach(cache::remove));
      batch = created;
    }
    return batch;
  }

  private void flush(Map<String, TicketSla> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<ClockRow> rows = new ArrayList<>(batch.size());
    for (TicketSla sla : batch.values()) {
      rows.add(row(sla));
    }
    store.save(rows);
    cache.putAll(batch);
  }
}
