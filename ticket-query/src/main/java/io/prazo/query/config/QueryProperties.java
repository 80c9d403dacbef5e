package io.prazo.query.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ticket-query's settings ({@code prazo.query.*}).
 *
 * @param segments the read model processor's segments (threads that may work at once)
 * @param batchSize events per read model transaction
 * @param cacheSize ticket views kept in memory between batches
 * @param fullBufferRecheck how soon the processor's reader looks again when the segments' buffers
 *     were full (see {@code io.prazo.eventstore.StreamingProjection})
 * @param idleRecheck how soon the processor's reader looks again when no new event was pending
 *     (Axon waits 500 ms)
 * @param minVersionWait the longest a {@code ?minVersion=} read waits for the view to catch up
 * @param defaultPageSize a list page's size when none is asked for
 * @param maxPageSize the largest page a list answers
 */
@ConfigurationProperties("prazo.query")
public record QueryProperties(
    @DefaultValue("2") int segments,
    @DefaultValue("500") int batchSize,
    @DefaultValue("100000") int cacheSize,
    @DefaultValue("2ms") Duration fullBufferRecheck,
    @DefaultValue("10ms") Duration idleRecheck,
    @DefaultValue("5s") Duration minVersionWait,
    @DefaultValue("20") int defaultPageSize,
    @DefaultValue("200") int maxPageSize) {}
