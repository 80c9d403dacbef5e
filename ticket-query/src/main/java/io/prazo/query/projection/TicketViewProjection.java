package io.prazo.query.projection;

import io.prazo.events.SlaMetric;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketOpened;
import io.prazo.eventstore.CatalogReader;
import io.prazo.eventstore.FoldingProjection;
import io.prazo.sla.ClockView;
import io.prazo.sla.SlaClocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Keeps {@code query.ticket}: each ticket's view, with its clocks as sla-core evaluates them at the
 * ticket's last event, and tells waiting readers when a version has landed.
 */
public class TicketViewProjection extends FoldingProjection<TicketView> {
  private final TicketViewStore store;
  private final CatalogReader catalog;
  private final ViewVersions versions;

  public TicketViewProjection(
      TicketViewStore store, CatalogReader catalog, ViewVersions versions, int cacheSize) {
    super(cacheSize);
    this.store = store;
    this.catalog = catalog;
    this.versions = versions;
  }

  @Override
  protected TicketView opened(TicketOpened opened, DomainEventMessage<?> message) {
    return TicketView.opened(opened);
  }

  @Override
  protected TicketView apply(TicketView state, TicketEvent event, DomainEventMessage<?> message) {
    return state.apply(event);
  }

  @Override
  protected long nextSequence(TicketView state) {
    return state.version() + 1;
  }

  @Override
  protected Optional<TicketView> load(String ticketId) {
    return store.load(ticketId);
  }

  @Override
  protected void save(List<TicketView> states) {
    List<TicketRow> rows = new ArrayList<>(states.size());
    for (TicketView view : states) {
      rows.add(row(view));
    }
    store.save(rows);
  }

  @Override
  protected void clear() {
    store.clear();
  }

  @Override
  protected void committed(List<TicketView> states) {
    for (TicketView view : states) {
      versions.landed(view.ticketId(), view.version());
    }
  }

  /** A view's row: its clocks evaluated by sla-core at its last event. */
  public TicketRow row(TicketView view) {
    SlaClocks clocks = catalog.clocks(view.sla(), view.sla().lastEventAt());
    return new TicketRow(
        view,
        catalog.policyOf(view.sla()).complianceGoal(),
        stored(clocks, SlaMetric.FIRST_RESPONSE),
        stored(clocks, SlaMetric.RESOLUTION),
        clocks.autoCloseAt().orElse(null));
  }

  private static TicketRow.StoredClock stored(SlaClocks clocks, SlaMetric metric) {
    ClockView clock = clocks.clock(metric);
    return new TicketRow.StoredClock(
        clock.status(), clock.dueAt(), clocks.atRiskAt(metric).orElse(null));
  }
}
