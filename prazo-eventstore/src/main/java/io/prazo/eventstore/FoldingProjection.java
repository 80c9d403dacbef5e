package io.prazo.eventstore;

import io.prazo.events.TicketEvent;
import io.prazo.events.TicketOpened;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A projection that folds each ticket's events, in order, into one state per ticket and stores the
 * states once per batch: a batch is one transaction with the processor's token, so the stored
 * states are always exactly the fold of the events up to the token.
 *
 * <p>States of recently seen tickets stay in memory between batches; an entry is used only when it
 * expects exactly the incoming event's sequence number, so a stale entry (another instance
 * processed the ticket meanwhile, or a batch rolled back) is read again from the table. An event
 * already folded (a replayed batch) is skipped; an event out of order stops the segment.
 *
 * @param <S> the immutable state of one ticket
 */
public abstract class FoldingProjection<S> implements EventMessageHandler {
  private final String batchKey = getClass().getName() + ".batch";
  private final Map<String, S> cache;

  protected FoldingProjection(int cacheSize) {
    this.cache =
        Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, S> eldest) {
                return size() > cacheSize;
              }
            });
  }

  /** The state after a ticket's first event. */
  protected abstract S opened(TicketOpened opened, DomainEventMessage<?> message);

  /** The state after one more event of the ticket. */
  protected abstract S apply(S state, TicketEvent event, DomainEventMessage<?> message);

  /** The sequence number the ticket's next event has: the number of events folded in. */
  protected abstract long nextSequence(S state);

  /** A ticket's state as last stored. */
  protected abstract Optional<S> load(String ticketId);

  /** Stores states, at most one per ticket, inside the batch's transaction. */
  protected abstract void save(List<S> states);

  /** Forgets every ticket: the start of a rebuild. */
  protected abstract void clear();

  /** Called once the batch that stored these states has committed. */
  protected void committed(List<S> states) {}

  @Override
  public Object handle(EventMessage<?> message) {
    if (!(message.getPayload() instanceof TicketEvent event)
        || !(message instanceof DomainEventMessage<?> domain)) {
      return null;
    }
    long sequence = domain.getSequenceNumber();
    Map<String, S> batch = batch();
    String ticketId = event.ticketId();
    S state = batch.get(ticketId);
    if (state == null && !(event instanceof TicketOpened)) {
      state = cache.get(ticketId);
      if (state == null || nextSequence(state) != sequence) {
        state = load(ticketId).orElse(null);
      }
    }
    S next;
    if (event instanceof TicketOpened opened) {
      if (state != null) {
        return null; // already folded
      }
      next = opened(opened, domain);
    } else if (state == null) {
      throw new IllegalStateException(
          "event " + sequence + " of ticket " + ticketId + " arrived before its TicketOpened");
    } else if (nextSequence(state) > sequence) {
      return null; // already folded
    } else if (nextSequence(state) < sequence) {
      throw new IllegalStateException(
          "ticket "
              + ticketId
              + ": event "
              + sequence
              + " arrived after event "
              + (nextSequence(state) - 1));
    } else {
      next = apply(state, event, domain);
    }
    batch.put(ticketId, next);
    return null;
  }

  @Override
  public boolean supportsReset() {
    return true;
  }

  @Override
  public void prepareReset() {
    cache.clear();
    clear();
  }

  @Override
  public <R> void prepareReset(R resetContext) {
    prepareReset();
  }

  private Map<String, S> batch() {
    UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
    @SuppressWarnings("unchecked")
    Map<String, S> batch = (Map<String, S>) unit.resources().get(batchKey);
    if (batch == null) {
      Map<String, S> created = new LinkedHashMap<>();
      unit.resources().put(batchKey, created);
      unit.onPrepareCommit(u -> flush(created));
      unit.afterCommit(
          u -> {
            if (!created.isEmpty()) {
              committed(List.copyOf(created.values()));
            }
          });
      unit.onRollback(u -> created.keySet().forEach(cache::remove));
      batch = created;
    }
    return batch;
  }

  private void flush(Map<String, S> batch) {
    if (batch.isEmpty()) {
      return;
    }
    save(new ArrayList<>(batch.values()));
    cache.putAll(batch);
  }
}
