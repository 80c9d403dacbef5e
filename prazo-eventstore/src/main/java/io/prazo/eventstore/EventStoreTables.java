package io.prazo.eventstore;

import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The event store's tables as ticket-command's Flyway scripts create them (snake_case names), and
 * the shape of every service's token table.
 */
public final class EventStoreTables {
  /** The events table; its {@code global_index} orders the whole store. */
  public static final String EVENTS = "domain_event_entry";

  private EventStoreTables() {}

  /** The events and snapshots tables. */
  public static EventSchema eventSchema() {
    return EventSchema.builder()
        .eventTable(EVENTS)
        .snapshotTable("snapshot_event_entry")
        .globalIndexColumn("global_index")
        .timestampColumn("time_stamp")
        .eventIdentifierColumn("event_identifier")
        .aggregateIdentifierColumn("aggregate_identifier")
        .sequenceNumberColumn("sequence_number")
        .typeColumn("type")
        .payloadTypeColumn("payload_type")
        .payloadRevisionColumn("payload_revision")
        .payloadColumn("payload")
        .metaDataColumn("meta_data")
        .build();
  }

  /**
   * A token table: each service keeps its processors' positions in its own schema.
   *
   * @param table the table's name, schema-qualified when it is not on the search path
   */
  public static TokenSchema tokenSchema(String table) {
    return TokenSchema.builder()
        .setTokenTable(table)
        .setProcessorNameColumn("processor_name")
        .setSegmentColumn("segment")
        .setTokenColumn("token")
        .setTokenTypeColumn("token_type")
        .setTimestampColumn("time_stamp")
        .setOwnerColumn("owner")
        .build();
  }
}
