package io.prazo.sla.projector.deadline;

import io.prazo.eventstore.Replays;
import io.prazo.sla.projector.config.SlaProjectorConfiguration;
import java.util.Collection;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * What this instance's part of the projection knows: which segments it owns, and whether they have
 * caught up with the store. Only the owner of a ticket's segment acts on that ticket, and only
 * while its segment is live (not replaying, not failing), so two instances never send the same
 * action and a replay never acts on a half-built state.
 */
public class ProjectorStatus {
  private final EventProcessingConfiguration processing;

  public ProjectorStatus(EventProcessingConfiguration processing) {
    this.processing = processing;
  }

  /** The segments this instance processes now, with their state. */
  public Collection<EventTrackerStatus> segments() {
    return processing
        .eventProcessor(SlaProjectorConfiguration.PROCESSOR, StreamingEventProcessor.class)
        .filter(StreamingEventProcessor::isRunning)
        .map(p -> (Collection<EventTrackerStatus>) p.processingStatus().values())
        .orElse(List.of());
  }

  /** Whether this instance may act on a ticket now. */
  public boolean acts(String ticketId, Collection<EventTrackerStatus> segments) {
    for (EventTrackerStatus status : segments) {
      Segment segment = status.getSegment();
      if (segment.matches(ticketId)) {
        // Not "caught up": a live segment behind the head acts on a slightly older state, which
        // ticket-command's rules and the idempotency key make safe; a replay is what must wait.
        return !Replays.replaying(status) && !status.isErrorState();
      }
    }
    return false;
  }
}
