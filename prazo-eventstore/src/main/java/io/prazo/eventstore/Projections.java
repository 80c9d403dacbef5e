package io.prazo.eventstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * The streaming event processors of this JVM (each one a projection of the event store, or a
 * publisher sending it out of Prazo): where they are, how far behind the store's head, and a
 * rebuild (reset and full replay; for a publisher, publishing the whole history again).
 */
public class Projections {
  private final EventProcessingConfiguration processing;
  private final StoreHead head;
  private final Set<String> outbound;

  /**
   * @param processing Axon's processors
   * @param head the store's head
   * @param outbound the processors that publish events out of Prazo rather than keep a read model
   */
  public Projections(
      EventProcessingConfiguration processing,
      StoreHead head,
      Collection<OutboundProcessor> outbound) {
    this.processing = processing;
    this.head = head;
    this.outbound = outbound.stream().map(OutboundProcessor::name).collect(Collectors.toSet());
  }

  /**
   * One projection's state.
   *
   * @param name the processor's name
   * @param running whether it is running in this JVM
   * @param coverage the share of the stream whose segments this JVM holds (1 = all)
   * @param position the lowest position among the held segments, or -1 before the first event
   * @param head the store's newest position, or -1 for an empty store
   * @param lag events between the position and the head
   * @param replaying whether a rebuild is under way
   * @param rebuildProgress during a rebuild, the share of the events up to the reset point done
   * @param error the error that stopped a segment, or null
   * @param outbound whether it publishes events out of Prazo (a publisher) instead of keeping a
   *     read model
   */
  public record Status(
      String name,
      boolean running,
      double coverage,
      long position,
      long head,
      long lag,
      boolean replaying,
      Double rebuildProgress,
      String error,
      boolean outbound) {}

  /** The store's head position. */
  public long head() {
    return head.position();
  }

  /** The names of every projection of this JVM. */
  public List<String> names() {
    return processors().stream().map(StreamingEventProcessor::getName).sorted().toList();
  }

  /** Every projection's state. */
  public List<Status> statuses() {
    long top = head.position();
    List<Status> result = new ArrayList<>();
    for (StreamingEventProcessor processor : processors()) {
      result.add(status(processor, top));
    }
    return result;
  }

  /** One projection's state. */
  public Optional<Status> status(String name) {
    return processor(name).map(p -> status(p, head.position()));
  }

  /**
   * Whether every read model of this JVM holds the whole stream and has processed it up to a
   * position. Publishers are left out: what is published depends on a broker outside Prazo, and no
   * read model waits for it.
   */
  public boolean allProcessedUpTo(long position) {
    for (StreamingEventProcessor processor : processors()) {
      Status status = status(processor, position);
      if (status.outbound()) {
        continue;
      }
      if (!status.running()
          || status.error() != null
          || status.coverage() < 0.999
          || status.position() < position) {
        return false;
      }
    }
    return true;
  }

  /**
   * Starts a rebuild: stops the processor, resets its tokens (its handlers clear their tables) and
   * starts it again, replaying the store from the start. Other instances of the same projection
   * must be stopped first.
   *
   * @return when the processor runs again
   * @throws IllegalArgumentException for an unknown projection
   */
  public CompletableFuture<Void> rebuild(String name) {
    StreamingEventProcessor processor =
        processor(name)
            .orElseThrow(() -> new IllegalArgumentException("unknown projection " + name));
    return processor
        .shutdownAsync()
        .thenRun(
            () -> {
              processor.resetTokens();
              processor.start();
            });
  }

  private Collection<StreamingEventProcessor> processors() {
    List<StreamingEventProcessor> result = new ArrayList<>();
    processing
        .eventProcessors()
        .values()
        .forEach(
            p -> {
              if (p instanceof StreamingEventProcessor s) {
                result.add(s);
              }
            });
    return result;
  }

  private Optional<StreamingEventProcessor> processor(String name) {
    return processing.eventProcessor(name, StreamingEventProcessor.class);
  }

  private Status status(StreamingEventProcessor processor, long top) {
    Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
    double coverage = 0;
    long position = Long.MAX_VALUE;
    boolean replaying = false;
    long resetPosition = -1;
    String error = null;
    for (EventTrackerStatus status : segments.values()) {
      coverage += 1.0 / (status.getSegment().getMask() + 1);
      OptionalLong current = status.getCurrentPosition();
      position = Math.min(position, current.orElse(-1));
      if (Replays.replaying(status)) {
        replaying = true;
        resetPosition = Math.max(resetPosition, status.getResetPosition().orElse(-1));
      }
      if (status.isErrorState() && error == null) {
        error = String.valueOf(status.getError());
      }
    }
    if (segments.isEmpty()) {
      position = -1;
    }
    Double progress =
        replaying && resetPosition > 0 ? Math.min(1.0, (double) position / resetPosition) : null;
    return new Status(
        processor.getName(),
        processor.isRunning(),
        coverage,
        position,
        top,
        Math.max(0, top - position),
        replaying,
        progress,
        error,
        outbound.contains(processor.getName()));
  }
}
