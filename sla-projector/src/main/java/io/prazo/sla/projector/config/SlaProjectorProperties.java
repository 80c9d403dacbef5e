package io.prazo.sla.projector.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code prazo.sla.projector.*}: how the projector reads the store and how it reaches
 * ticket-command.
 *
 * @param segments how many segments the event stream is split into; instances share them
 * @param batchSize events per transaction
 * @param cacheSize tickets whose state is kept in memory between batches
 * @param pollInterval how often due actions are looked for
 * @param commandUrl ticket-command's base URL; empty means this JVM's own web server (standalone)
 * @param commandToken the {@code system} bearer token to send, when no dev issuer is in this JVM;
 *     blank counts as none (the deployed yml turns an unset PRAZO_SLA_PROJECTOR_COMMAND_TOKEN into
 *     an empty string)
 * @param maxRetryDelay the longest wait between two attempts of a failing action
 * @param advanceTimeout how long a test-clock move may wait for due actions to take effect
 * @param fullBufferRecheck how soon the processor's reader looks again when the segments' buffers
 *     were full (Axon waits 100 ms; see {@code io.prazo.eventstore.StreamingProjection})
 * @param idleRecheck how soon the processor's reader looks again when no new event was pending
 *     (Axon waits 500 ms; see {@code io.prazo.eventstore.StreamingProjection})
 */
@ConfigurationProperties("prazo.sla.projector")
public record SlaProjectorProperties(
    @DefaultValue("2") int segments,
    @DefaultValue("1000") int batchSize,
    @DefaultValue("200000") int cacheSize,
    @DefaultValue("1s") Duration pollInterval,
    URI commandUrl,
    String commandToken,
    @DefaultValue("30s") Duration maxRetryDelay,
    @DefaultValue("60s") Duration advanceTimeout,
    @DefaultValue("2ms") Duration fullBufferRecheck,
    @DefaultValue("10ms") Duration idleRecheck) {

  public SlaProjectorProperties {
    commandToken = commandToken == null || commandToken.isBlank() ? null : commandToken.strip();
  }
}
