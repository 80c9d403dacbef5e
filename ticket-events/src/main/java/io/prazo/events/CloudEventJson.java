package io.prazo.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CloudEvents 1.0 structured-mode JSON form of a {@link TicketEventEnvelope}: the value of
 * every record on the ticket events topic (whose key is the ticket id). The contract is described
 * by {@code cloudevent.schema.json}, the per-type schemas and {@code asyncapi.yaml} (see {@link
 * EventContract}).
 *
 * <p>Attributes: {@code specversion} "1.0", {@code id} the event id, {@code source} the publishing
 * service, {@code type} the {@linkplain EventTypes.Type#versionedName() versioned type name},
 * {@code subject} the ticket id, {@code time} the event's {@code occurredAt} (RFC 3339, UTC),
 * {@code datacontenttype} "application/json" and {@code data}, the event exactly as {@link
 * TicketEventJson} writes it; extension attributes {@code sequence} (a JSON integer, the event's
 * sequence in its ticket, from 0), {@code correlationid}, {@code causationid}, {@code actorid},
 * {@code actorrole} (the {@linkplain Role#wireName() wire name}) and {@code actororganization}
 * (only when the actor has one).
 *
 * <p>Implementation Requirements: immutable and thread-safe.
 */
public final class CloudEventJson {

  /** The media type of a structured-mode CloudEvent in JSON, for the Kafka content-type header. */
  public static final String CONTENT_TYPE = "application/cloudevents+json";

  /** The CloudEvents version written and accepted. */
  public static final String SPEC_VERSION = "1.0";

  /** The media type of {@code data}. */
  public static final String DATA_CONTENT_TYPE = "application/json";

  /** The CloudEvents version attribute. */
  public static final String SPECVERSION = "specversion";

  /** The event id attribute. */
  public static final String ID = "id";

  /** The source attribute. */
  public static final String SOURCE = "source";

  /** The type attribute. */
  public static final String TYPE = "type";

  /** The subject attribute: the ticket id. */
  public static final String SUBJECT = "subject";

  /** The time attribute. */
  public static final String TIME = "time";

  /** The data content type attribute. */
  public static final String DATACONTENTTYPE = "datacontenttype";

  /** The data member. */
  public static final String DATA = "data";

  /** The extension attribute carrying the event's sequence in its ticket. */
  public static final String SEQUENCE = "sequence";

  /** The extension attribute carrying the correlation id. */
  public static final String CORRELATION_ID = "correlationid";

  /** The extension attribute carrying the causation id. */
  public static final String CAUSATION_ID = "causationid";

  /** The extension attribute carrying the actor's id. */
  public static final String ACTOR_ID = "actorid";

  /** The extension attribute carrying the actor's role. */
  public static final String ACTOR_ROLE = "actorrole";

  /** The extension attribute carrying the actor's organization, when it has one. */
  public static final String ACTOR_ORGANIZATION = "actororganization";

  private static final Pattern VERSIONED_TYPE = Pattern.compile("(.+)\\.v([1-9][0-9]{0,8})");

  private final TicketEventJson events;
  private final ObjectMapper mapper;

  private CloudEventJson(TicketEventJson events) {
    this.events = events;
    this.mapper = events.mapper();
  }

  /**
   * The codec over {@link TicketEventJson#standard()}.
   *
   * @return a shared, thread-safe codec
   */
  public static CloudEventJson standard() {
    return Holder.STANDARD;
  }

  /**
   * Writes an envelope as a CloudEvent.
   *
   * @param envelope the event with its id, sequence and metadata, not null
   * @param source the publishing service, a URI reference such as {@code /prazo/ticket-command},
   *     not null or blank
   * @return UTF-8 JSON
   * @throws IllegalArgumentException if the source is blank or not a URI reference
   */
  public byte[] write(TicketEventEnvelope envelope, String source) {
    Objects.requireNonNull(envelope, "envelope");
    checkSource(source);
    TicketEvent event = envelope.event();
    EventMetadata metadata = envelope.metadata();
    ObjectNode root = mapper.createObjectNode();
    root.put(SPECVERSION, SPEC_VERSION);
    root.put(ID, envelope.eventId());
    root.put(SOURCE, source);
    root.put(TYPE, envelope.type().versionedName());
    root.put(SUBJECT, event.ticketId());
    root.put(TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
    root.put(DATACONTENTTYPE, DATA_CONTENT_TYPE);
    root.put(SEQUENCE, envelope.sequence());
    root.put(CORRELATION_ID, metadata.correlationId());
    root.put(CAUSATION_ID, metadata.causationId());
    root.put(ACTOR_ID, metadata.actor().id());
    root.put(ACTOR_ROLE, metadata.actor().role().wireName());
    if (metadata.actor().organizationId() != null) {
      root.put(ACTOR_ORGANIZATION, metadata.actor().organizationId());
    }
    root.set(DATA, events.toTree(event));
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write event " + envelope.eventId(), e);
    }
  }

  /**
   * Reads a CloudEvent written by {@link #write}, upcasting data of an older type version to the
   * current shape. Attributes this codec does not know are ignored.
   *
   * @param json the record value, UTF-8 JSON, not null
   * @return the source, time and envelope
   * @throws IllegalArgumentException if the JSON does not parse or is not an object; the spec
   *     version is not 1.0; an attribute is missing, blank or of the wrong JSON type; the type is
   *     unknown or newer than this code; the data does not read as its type; or the subject or time
   *     differs from the data's ticket id or instant
   */
  public Received read(byte[] json) {
    Objects.requireNonNull(json, "json");
    JsonNode tree;
    try {
      tree = mapper.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a CloudEvent: the JSON does not parse", e);
    }
    if (!(tree instanceof ObjectNode root)) {
      throw new IllegalArgumentException("not a CloudEvent: the JSON is not an object");
    }
    String specVersion = text(root, SPECVERSION);
    if (!SPEC_VERSION.equals(specVersion)) {
      throw new IllegalArgumentException(
          "unsupported CloudEvents specversion " + specVersion + ", expected " + SPEC_VERSION);
    }
    String id = text(root, ID);
    String source = text(root, SOURCE);
    String type = text(root, TYPE);
    String subject = text(root, SUBJECT);
    Instant time = time(root);
    String dataContentType = text(root, DATACONTENTTYPE);
    if (!DATA_CONTENT_TYPE.equals(dataContentType)) {
      throw new IllegalArgumentException(
          "event " + id + ": unsupported datacontenttype " + dataContentType);
    }
    long sequence = sequence(root);
    EventMetadata metadata =
        new EventMetadata(
            new Actor(text(root, ACTOR_ID), role(root), optionalText(root, ACTOR_ORGANIZATION)),
            text(root, CORRELATION_ID),
            text(root, CAUSATION_ID));
    JsonNode data = root.get(DATA);
    if (!(data instanceof ObjectNode dataObject)) {
      throw new IllegalArgumentException(
          "event " + id + ": attribute " + DATA + " is missing or not an object");
    }
    Matcher versioned = VERSIONED_TYPE.matcher(type);
    if (!versioned.matches()) {
      throw new IllegalArgumentException(
          "event " + id + ": type " + type + " has no version suffix .v<n>");
    }
    String name = versioned.group(1);
    if (EventTypes.named(name).isEmpty()) {
      throw new IllegalArgumentException("event " + id + ": unknown event type " + type);
    }
    TicketEvent event;
    try {
      event = events.read(name, Integer.parseInt(versioned.group(2)), dataObject);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("event " + id + ": " + e.getMessage(), e);
    }
    if (!subject.equals(event.ticketId())) {
      throw new IllegalArgumentException(
          "event "
              + id
              + ": subject "
              + subject
              + " differs from the ticket id "
              + event.ticketId()
              + " in its data");
    }
    if (!time.equals(event.occurredAt())) {
      throw new IllegalArgumentException(
          "event "
              + id
              + ": time "
              + time
              + " differs from the occurredAt "
              + event.occurredAt()
              + " in its data");
    }
    return new Received(source, time, new TicketEventEnvelope(id, sequence, metadata, event));
  }

  /**
   * A CloudEvent as read back.
   *
   * @param source the publishing service, not null
   * @param time the {@code time} attribute, equal to the event's {@code occurredAt}, not null
   * @param envelope the event with its id, sequence and metadata, in its current shape, not null
   */
  public record Received(String source, Instant time, TicketEventEnvelope envelope) {
    /** Validates the parts. */
    public Received {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(envelope, "envelope");
    }
  }

  private static void checkSource(String source) {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("a CloudEvent needs a source");
    }
    try {
      new URI(source);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("source is not a URI reference: " + source, e);
    }
  }

  private static String text(ObjectNode root, String attribute) {
    String value = optionalText(root, attribute);
    if (value == null) {
      throw new IllegalArgumentException("CloudEvent without attribute " + attribute);
    }
    return value;
  }

  private static String optionalText(ObjectNode root, String attribute) {
    JsonNode node = root.get(attribute);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new IllegalArgumentException(
          "CloudEvent attribute " + attribute + " must be a non-blank string, was " + node);
    }
    return node.asText();
  }

  private static Instant time(ObjectNode root) {
    String time = text(root, TIME);
    try {
      return OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "CloudEvent attribute " + TIME + " is not an RFC 3339 timestamp: " + time, e);
    }
  }

  private static long sequence(ObjectNode root) {
    JsonNode node = root.get(SEQUENCE);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("CloudEvent without attribute " + SEQUENCE);
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
      throw new IllegalArgumentException(
          "CloudEvent attribute " + SEQUENCE + " must be an integer >= 0, was " + node);
    }
    return node.asLong();
  }

  private static Role role(ObjectNode root) {
    String role = text(root, ACTOR_ROLE);
    try {
      return Role.fromWire(role);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "CloudEvent attribute " + ACTOR_ROLE + " names no role: " + role, e);
    }
  }

  private static final class Holder {
    private static final CloudEventJson STANDARD = new CloudEventJson(TicketEventJson.standard());
  }
}
