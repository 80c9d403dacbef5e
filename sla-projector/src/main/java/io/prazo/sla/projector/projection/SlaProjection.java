package io.prazo.sla.projector.projection;

import io.prazo.events.TicketEvent;
import io.prazo.events.TicketOpened;
import io.prazo.eventstore.CatalogReader;
import io.prazo.eventstore.FoldingProjection;
import io.prazo.sla.ClockView;
import io.prazo.sla.SlaClocks;
import io.prazo.sla.TicketSla;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Folds each ticket's events into its SLA state ({@link TicketSla}) and stores, once per batch and
 * ticket, the state with its due instants and the actions it is owed.
 */
public class SlaProjection extends FoldingProjection<TicketSla> {
  private final TicketClockStore store;
  private final CatalogReader catalog;

  public SlaProjection(TicketClockStore store, CatalogReader catalog, int cacheSize) {
    super(cacheSize);
    this.store = store;
    this.catalog = catalog;
  }

  @Override
  protected TicketSla opened(TicketOpened opened, DomainEventMessage<?> message) {
    return TicketSla.opened(opened);
  }

  @Override
  protected TicketSla apply(TicketSla state, TicketEvent event, DomainEventMessage<?> message) {
    return state.apply(event);
  }

  @Override
  protected long nextSequence(TicketSla state) {
    return state.version();
  }

  @Override
  protected Optional<TicketSla> load(String ticketId) {
    return store.load(ticketId);
  }

  @Override
  protected void save(List<TicketSla> states) {
    List<ClockRow> rows = new ArrayList<>(states.size());
    for (TicketSla sla : states) {
      rows.add(row(sla));
    }
    store.save(rows);
  }

  @Override
  protected void clear() {
    store.clear();
  }

  /** The clocks, due instants and owed actions of a state, as stored. */
  public ClockRow row(TicketSla sla) {
    SlaClocks clocks = catalog.clocks(sla, sla.lastEventAt());
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
}
