package io.prazo.sla.projector.bench;

import io.prazo.eventstore.EventStoreTables;
import io.prazo.eventstore.TicketEventSerializer;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes generated events into the event store's table with PostgreSQL's binary {@code COPY}, each
 * row as Axon's {@code JdbcEventStorageEngine} writes it: {@code global_index} from the table's
 * sequence (in the order the rows come), the event serialized by Prazo's {@link
 * TicketEventSerializer} (type name, revision, JSON payload), the metadata as Axon serializes a
 * {@link MetaData}, the aggregate type {@code TicketAggregate} and the timestamp in Axon's format.
 * One {@code COPY}, one transaction.
 */
final class EventStoreCopy implements TicketHistoryGenerator.Sink, AutoCloseable {
  /** The aggregate type Axon records for ticket events (the aggregate class's simple name). */
  static final String AGGREGATE_TYPE = "TicketAggregate";

  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };
  private static final byte[] TYPE = AGGREGATE_TYPE.getBytes(StandardCharsets.UTF_8);

  private final TicketEventSerializer serializer = new TicketEventSerializer();
  private final CopyIn copy;
  private final DataOutputStream out;
  private long rows;

  EventStoreCopy(Connection connection) throws SQLException, IOException {
    copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY "
                    + EventStoreTables.EVENTS
                    + " (aggregate_identifier, sequence_number, type, event_identifier, meta_data,"
                    + " payload, payload_revision, payload_type, time_stamp)"
                    + " FROM STDIN WITH (FORMAT binary)");
    out =
        new DataOutputStream(
            new BufferedOutputStream(
                new OutputStream() {
                  @Override
                  public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                  }

                  @Override
                  public void write(byte[] b, int off, int len) throws IOException {
                    try {
                      copy.writeToCopy(b, off, len);
                    } catch (SQLException e) {
                      throw new IOException(e);
                    }
                  }
                },
                1 << 20));
    out.write(SIGNATURE);
    out.writeInt(0); // flags
    out.writeInt(0); // header extension length
  }

  @Override
  public void accept(TicketHistoryGenerator.Generated e) throws IOException {
    SerializedObject<byte[]> payload = serializer.serialize(e.event(), byte[].class);
    byte[] metadata = serializer.serialize(MetaData.from(e.metadata()), byte[].class).getData();
    out.writeShort(9);
    text(e.ticketId());
    out.writeInt(8);
    out.writeLong(e.sequence());
    bytes(TYPE);
    text(e.eventId().toString());
    bytes(metadata);
    bytes(payload.getData());
    text(payload.getType().getRevision());
    text(payload.getType().getName());
    text(DateTimeUtils.formatInstant(e.timestamp()));
    rows++;
  }

  /** Ends the {@code COPY}, committing every row. */
  long finish() throws IOException, SQLException {
    out.writeShort(-1);
    out.flush();
    long copied = copy.endCopy();
    if (copied != rows) {
      throw new IllegalStateException("COPY took " + copied + " rows of " + rows);
    }
    return copied;
  }

  @Override
  public void close() throws SQLException {
    if (copy.isActive()) {
      copy.cancelCopy();
    }
  }

  private void text(String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
    } else {
      bytes(value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void bytes(byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }
}
