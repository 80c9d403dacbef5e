package io.prazo.sla;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.events.ApprovalRequested;
import io.prazo.events.EscalationReason;
import io.prazo.events.FirstResponseRecorded;
import io.prazo.events.PauseReason;
import io.prazo.events.PriorityChanged;
import io.prazo.events.ResolutionApproved;
import io.prazo.events.ResolutionRejected;
import io.prazo.events.SlaMetric;
import io.prazo.events.SlaTerms;
import io.prazo.events.TicketAutoClosed;
import io.prazo.events.TicketCancelled;
import io.prazo.events.TicketClosed;
import io.prazo.events.TicketEscalated;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketOpened;
import io.prazo.events.TicketPaused;
import io.prazo.events.TicketReopened;
import io.prazo.events.TicketResolved;
import io.prazo.events.TicketResumed;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A ticket's SLA-relevant history so far: a pure fold of its events (spec: sla.md section 3;
 * design: {@code docs/clocks.md}). {@link #opened} starts it from the ticket's first event and
 * {@link #apply} gives the state after each further event. {@link SlaClocks#evaluate} turns it into
 * clocks with the ticket's policy version and calendars; this class itself knows neither, so a
 * state can be folded, stored ({@link #toJson()}) and evaluated later.
 *
 * <p>What is kept:
 *
 * <ul>
 *   <li>a <em>timeline</em>: consecutive half-open spans {@code [start, next start)}, the last one
 *       open, each saying which clocks are live (not stopped) and the pause reason, if any, in
 *       effect. Which spans a clock runs in depends on the policy ({@link SlaPolicy#countsPause}),
 *       so the running periods are derived from the timeline when the clocks are evaluated, on
 *       whichever calendar the current priority names;
 *   <li>the priority history (the priority in effect from each change on), because a breach under
 *       an earlier priority stays;
 *   <li>when each stopped clock last stopped (kept apart from the timeline, because a reopening and
 *       a new resolution at one instant leave no span behind);
 *   <li>the pending approval request and when it was made, the metrics already escalated for an SLA
 *       breach, whether the ticket is closed or cancelled, the event count and the last event's
 *       instant.
 * </ul>
 *
 * <p>Events and their effect: {@code FirstResponseRecorded} stops the first-response clock; {@code
 * TicketResolved} stops both clocks (a still-running first response is answered by the resolution);
 * {@code TicketReopened} restarts only the resolution clock; {@code TicketClosed} and {@code
 * TicketCancelled} stop both for good; {@code TicketPaused}/{@code TicketResumed} set and clear the
 * pause; {@code PriorityChanged} appends to the priority history (ignored once the ticket is closed
 * or cancelled); {@code TicketEscalated} with reason {@code SLA_BREACH} marks its metric escalated;
 * {@code ApprovalRequested} sets the pending request, which {@code ResolutionApproved}, {@code
 * ResolutionRejected}, {@code TicketAutoClosed}, {@code TicketReopened}, {@code TicketClosed} and
 * {@code TicketCancelled} clear. Every other event only advances {@link #version()} and {@link
 * #lastEventAt()}. Several events at one instant (a command emits them together) leave no empty
 * span behind.
 *
 * <p>Events are expected in stream order. An event whose instant is earlier than {@link
 * #lastEventAt()} (clock skew between writers) is taken to happen at {@code lastEventAt()}, so the
 * timeline never runs backwards.
 *
 * <p>Implementation Requirements: this class is immutable and thread-safe; {@link #apply} returns a
 * new state and shares the unchanged parts of the old one. Equality, hash code and {@link
 * #toJson()} are by value.
 */
public final class TicketSla {

  /** Live bit of the first-response clock in a span. */
  static final int FIRST_RESPONSE_LIVE = 1;

  /** Live bit of the resolution clock in a span. */
  static final int RESOLUTION_LIVE = 2;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final String ticketId;
  private final SlaTerms terms;
  private final long version;
  private final Instant lastEventAt;
  private final PriorityFrom[] priorities;
  private final Span[] spans;
  private final Instant firstResponseStoppedAt;
  private final Instant resolutionStoppedAt;
  private final boolean isFinal;
  private final String approvalRequestId;
  private final Instant approvalRequestedAt;
  private final int escalated;

  /**
   * One span of the timeline, from {@code start} to the next span's start (or open).
   *
   * @param start the inclusive start
   * @param live the clocks live (not stopped) in the span: {@link #FIRST_RESPONSE_LIVE} and {@link
   *     #RESOLUTION_LIVE} bits
   * @param pause the pause reason in effect, or null when not paused
   */
  record Span(Instant start, int live, PauseReason pause) {}

  /**
   * A priority in effect from an instant on.
   *
   * @param from the instant of the change (or the opening)
   * @param priority the priority id
   */
  record PriorityFrom(Instant from, String priority) {}

  private TicketSla(
      String ticketId,
      SlaTerms terms,
      long version,
      Instant lastEventAt,
      PriorityFrom[] priorities,
      Span[] spans,
      Instant firstResponseStoppedAt,
      Instant resolutionStoppedAt,
      boolean isFinal,
      String approvalRequestId,
      Instant approvalRequestedAt,
      int escalated) {
    this.ticketId = ticketId;
    this.terms = terms;
    this.version = version;
    this.lastEventAt = lastEventAt;
    this.priorities = priorities;
    this.spans = spans;
    this.firstResponseStoppedAt = firstResponseStoppedAt;
    this.resolutionStoppedAt = resolutionStoppedAt;
    this.isFinal = isFinal;
    this.approvalRequestId = approvalRequestId;
    this.approvalRequestedAt = approvalRequestedAt;
    this.escalated = escalated;
  }

  /**
   * The state after a ticket's first event: both clocks live and running from the opening instant,
   * at the priority the ticket was opened with.
   *
   * @param opened the ticket's first event, not null, with non-null ticket id, instant, priority
   *     and SLA terms
   * @return the state, with {@link #version()} 1, not null
   * @throws NullPointerException if the event or one of those components is null
   */
  public static TicketSla opened(TicketOpened opened) {
    Objects.requireNonNull(opened, "opened");
    String id = Objects.requireNonNull(opened.ticketId(), "ticketId");
    Instant at = Objects.requireNonNull(opened.occurredAt(), "occurredAt");
    String priority = Objects.requireNonNull(opened.priority(), "priority");
    SlaTerms terms = Objects.requireNonNull(opened.sla(), "sla");
    return new TicketSla(
        id,
        terms,
        1,
        at,
        new PriorityFrom[] {new PriorityFrom(at, priority)},
        new Span[] {new Span(at, FIRST_RESPONSE_LIVE | RESOLUTION_LIVE, null)},
        null,
        null,
        false,
        null,
        null,
        0);
  }

  /**
   * The state after one more event of the same ticket. Never throws for a valid stream; an event
   * that does not affect the clocks or actions gives a state that differs only in {@link
   * #version()} and {@link #lastEventAt()}.
   *
   * @param event the ticket's next event, not null
   * @return the new state, not null; this state is unchanged
   * @throws IllegalArgumentException if the event is for another ticket, or is a {@code
   *     TicketOpened} (a stream has exactly one, and {@link #opened} takes it)
   * @throws NullPointerException if the event or its instant is null
   */
  public TicketSla apply(TicketEvent event) {
    Objects.requireNonNull(event, "event");
    if (!ticketId.equals(event.ticketId())) {
      throw new IllegalArgumentException(
          "event "
              + event.getClass().getSimpleName()
              + " of ticket "
              + event.ticketId()
              + " applied to ticket "
              + ticketId);
    }
    if (event instanceof TicketOpened) {
      throw new IllegalArgumentException(
          "ticket " + ticketId + " is already open: TicketOpened starts a stream (use opened)");
    }
    Instant occurredAt = Objects.requireNonNull(event.occurredAt(), "occurredAt");
    Instant at = occurredAt.isBefore(lastEventAt) ? lastEventAt : occurredAt;
    Span last = spans[spans.length - 1];
    int live = last.live();
    PauseReason pause = last.pause();
    PriorityFrom[] newPriorities = priorities;
    boolean fin = isFinal;
    String approvalId = approvalRequestId;
    Instant approvalAt = approvalRequestedAt;
    int esc = escalated;
    if (event instanceof FirstResponseRecorded) {
      live &= ~FIRST_RESPONSE_LIVE;
    } else if (event instanceof TicketPaused e) {
      if (!fin && e.reason() != null) {
        pause = e.reason();
      }
    } else if (event instanceof TicketResumed) {
      pause = null;
    } else if (event instanceof PriorityChanged e) {
      if (!fin) {
        newPriorities = withPriority(priorities, at, e.to());
      }
    } else if (event instanceof TicketEscalated e) {
      if (e.reason() == EscalationReason.SLA_BREACH && e.metric() != null) {
        esc |= bit(e.metric());
      }
    } else if (event instanceof TicketResolved) {
      live = 0;
      pause = null;
    } else if (event instanceof ApprovalRequested e) {
      if (!fin && e.approvalRequestId() != null) {
        approvalId = e.approvalRequestId();
        approvalAt = at;
      }
    } else if (event instanceof ResolutionApproved
        || event instanceof ResolutionRejected
        || event instanceof TicketAutoClosed) {
      approvalId = null;
      approvalAt = null;
    } else if (event instanceof TicketReopened) {
      if (!fin) {
        live |= RESOLUTION_LIVE;
      }
      pause = null;
      approvalId = null;
      approvalAt = null;
    } else if (event instanceof TicketClosed || event instanceof TicketCancelled) {
      fin = true;
      live = 0;
      pause = null;
      approvalId = null;
      approvalAt = null;
    }
    Span[] newSpans =
        live == last.live() && pause == last.pause() ? spans : withSpan(spans, at, live, pause);
    // Stop instants are kept apart from the timeline: a reopening and a new resolution at one
    // instant leave no span behind, but the clock did stop again at that instant.
    return new TicketSla(
        ticketId,
        terms,
        version + 1,
        at,
        newPriorities,
        newSpans,
        stopped(firstResponseStoppedAt, last.live(), live, FIRST_RESPONSE_LIVE, at),
        stopped(resolutionStoppedAt, last.live(), live, RESOLUTION_LIVE, at),
        fin,
        approvalId,
        approvalAt,
        esc);
  }

  private static Instant stopped(Instant stoppedAt, int before, int after, int bit, Instant at) {
    if ((after & bit) != 0) {
      return null;
    }
    return (before & bit) != 0 ? at : stoppedAt;
  }

  private static Span[] withSpan(Span[] spans, Instant at, int live, PauseReason pause) {
    int n = spans.length;
    if (at.equals(spans[n - 1].start())) {
      // Several events at one instant: the last one decides the span starting there.
      if (n >= 2 && spans[n - 2].live() == live && spans[n - 2].pause() == pause) {
        return Arrays.copyOf(spans, n - 1);
      }
      Span[] copy = spans.clone();
      copy[n - 1] = new Span(at, live, pause);
      return copy;
    }
    Span[] copy = Arrays.copyOf(spans, n + 1);
    copy[n] = new Span(at, live, pause);
    return copy;
  }

  /**
   * Appends a priority change. Changes at one instant are all kept: a priority in effect for no
   * time still establishes a breach its target had already passed, exactly as if the clocks had
   * been evaluated between the two events.
   */
  private static PriorityFrom[] withPriority(PriorityFrom[] priorities, Instant at, String to) {
    int n = priorities.length;
    if (to == null || to.equals(priorities[n - 1].priority())) {
      return priorities;
    }
    PriorityFrom[] copy = Arrays.copyOf(priorities, n + 1);
    copy[n] = new PriorityFrom(at, to);
    return copy;
  }

  /** The bit of a metric, in spans and in the escalated set. */
  static int bit(SlaMetric metric) {
    return switch (metric) {
      case FIRST_RESPONSE -> FIRST_RESPONSE_LIVE;
      case RESOLUTION -> RESOLUTION_LIVE;
    };
  }

  /**
   * The ticket's id.
   *
   * @return the id, not null
   */
  public String ticketId() {
    return ticketId;
  }

  /**
   * The policy and calendar versions the ticket's clocks are computed with, as recorded when it was
   * opened.
   *
   * @return the terms, not null
   */
  public SlaTerms terms() {
    return terms;
  }

  /**
   * The current priority: the opening priority or the target of the last priority change.
   *
   * @return the priority id on the policy's scale, not null
   */
  public String priority() {
    return priorities[priorities.length - 1].priority();
  }

  /**
   * The number of events applied, {@code TicketOpened} included: the sequence number of the
   * ticket's last event plus one.
   *
   * @return the count, 1 or more
   */
  public long version() {
    return version;
  }

  /**
   * The instant of the last event applied (never earlier than that of an event before it).
   *
   * @return the instant, not null
   */
  public Instant lastEventAt() {
    return lastEventAt;
  }

  /**
   * Whether the ticket is closed or cancelled: its clocks are stopped for good and no action is
   * owed.
   *
   * @return true after {@code TicketClosed} or {@code TicketCancelled}
   */
  public boolean isFinal() {
    return isFinal;
  }

  /**
   * The approval request awaiting the customer's answer: set by {@code ApprovalRequested}, cleared
   * by its approval, rejection, auto-close, or the ticket's reopening, closing or cancelling.
   *
   * @return the approval request id, or empty when no approval is pending
   */
  public Optional<String> pendingApprovalRequestId() {
    return Optional.ofNullable(approvalRequestId);
  }

  // ---- package-private reads for SlaClocks ----

  /** The timeline; callers must not modify it. */
  Span[] spans() {
    return spans;
  }

  /** The priority history, oldest first; callers must not modify it. */
  PriorityFrom[] priorityHistory() {
    return priorities;
  }

  /** When the pending approval was requested, or null when none is pending. */
  Instant approvalRequestedAt() {
    return approvalRequestedAt;
  }

  /** Whether an SLA_BREACH escalation for the metric appears in the history. */
  boolean hasEscalated(SlaMetric metric) {
    return (escalated & bit(metric)) != 0;
  }

  /** Whether the metric's clock is live (not stopped) now. */
  boolean isLive(SlaMetric metric) {
    return (spans[spans.length - 1].live() & bit(metric)) != 0;
  }

  /** The instant the metric's clock last stopped, or null while it is live. */
  Instant stoppedAt(SlaMetric metric) {
    return switch (metric) {
      case FIRST_RESPONSE -> firstResponseStoppedAt;
      case RESOLUTION -> resolutionStoppedAt;
    };
  }

  // ---- JSON ----

  /**
   * The state as compact JSON, deterministic: equal states give identical strings, and {@link
   * #fromJson} reads it back to an equal state. Instants are epoch milliseconds, or ISO-8601 text
   * when they carry sub-millisecond digits. Fields: {@code id} ticket, {@code p}/{@code pv}/{@code
   * cv} policy, policy version and calendar versions (keys sorted), {@code v} version, {@code at}
   * last event, {@code pr} priority history {@code [[from, priority], ...]}, {@code tl} timeline
   * {@code [[start, live bits (1 first response, 2 resolution)] or [start, live, pause reason],
   * ...]}, and when set: {@code sf}/{@code sr} when the first-response/resolution clock last
   * stopped, {@code fin} final, {@code ap}/{@code apAt} pending approval and when it was requested,
   * {@code esc} metrics escalated for a breach.
   *
   * @return the JSON text, not null
   */
  public String toJson() {
    StringWriter out = new StringWriter(160 + 24 * (spans.length + priorities.length));
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", ticketId);
      g.writeStringField("p", terms.policyId());
      g.writeNumberField("pv", terms.policyVersion());
      g.writeObjectFieldStart("cv");
      for (Map.Entry<String, Integer> e : new TreeMap<>(terms.calendarVersions()).entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeNumberField("v", version);
      g.writeFieldName("at");
      writeInstant(g, lastEventAt);
      g.writeArrayFieldStart("pr");
      for (PriorityFrom p : priorities) {
        g.writeStartArray();
        writeInstant(g, p.from());
        g.writeString(p.priority());
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("tl");
      for (Span s : spans) {
        g.writeStartArray();
        writeInstant(g, s.start());
        g.writeNumber(s.live());
        if (s.pause() != null) {
          g.writeString(s.pause().name());
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      if (firstResponseStoppedAt != null) {
        g.writeFieldName("sf");
        writeInstant(g, firstResponseStoppedAt);
      }
      if (resolutionStoppedAt != null) {
        g.writeFieldName("sr");
        writeInstant(g, resolutionStoppedAt);
      }
      if (isFinal) {
        g.writeBooleanField("fin", true);
      }
      if (approvalRequestId != null) {
        g.writeStringField("ap", approvalRequestId);
        g.writeFieldName("apAt");
        writeInstant(g, approvalRequestedAt);
      }
      if (escalated != 0) {
        g.writeArrayFieldStart("esc");
        for (SlaMetric metric : SlaMetric.values()) {
          if (hasEscalated(metric)) {
            g.writeString(metric.name());
          }
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void writeInstant(JsonGenerator g, Instant instant) throws IOException {
    if (instant.getNano() % NANOS_PER_MILLI == 0) {
      g.writeNumber(instant.toEpochMilli());
    } else {
      g.writeString(instant.toString());
    }
  }

  /**
   * Reads a state written by {@link #toJson()}.
   *
   * @param json the JSON text, not null
   * @return the state, equal to the one that wrote the text, not null
   * @throws IllegalArgumentException if the text is not JSON of that form
   * @throws NullPointerException if the text is null
   */
  public static TicketSla fromJson(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("ticket SLA state must be a JSON object");
    }
    try {
      String id = text(root, "id");
      Map<String, Integer> calendarVersions = new TreeMap<>();
      JsonNode cv = root.path("cv");
      if (!cv.isObject()) {
        throw new IllegalArgumentException("field cv must be an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = cv.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        calendarVersions.put(e.getKey(), integer(e.getValue(), "cv." + e.getKey()));
      }
      SlaTerms terms =
          new SlaTerms(text(root, "p"), integer(root.get("pv"), "pv"), calendarVersions);
      long version = whole(root.get("v"), "v");
      if (version < 1) {
        throw new IllegalArgumentException("field v must be 1 or more");
      }
      Instant lastEventAt = instant(root.get("at"), "at");

      JsonNode pr = nonEmptyArray(root, "pr");
      PriorityFrom[] priorities = new PriorityFrom[pr.size()];
      for (int i = 0; i < priorities.length; i++) {
        JsonNode item = pr.get(i);
        String field = "pr[" + i + "]";
        if (!item.isArray() || item.size() != 2 || !item.get(1).isTextual()) {
          throw new IllegalArgumentException(field + " must be [instant, priority]");
        }
        priorities[i] = new PriorityFrom(instant(item.get(0), field), item.get(1).textValue());
        if (i > 0 && priorities[i].from().isBefore(priorities[i - 1].from())) {
          throw new IllegalArgumentException(field + " is before the change before it");
        }
      }

      JsonNode tl = nonEmptyArray(root, "tl");
      Span[] spans = new Span[tl.size()];
      for (int i = 0; i < spans.length; i++) {
        JsonNode item = tl.get(i);
        String field = "tl[" + i + "]";
        if (!item.isArray() || item.size() < 2 || item.size() > 3) {
          throw new IllegalArgumentException(
              field + " must be [instant, live] or [instant, live, pause]");
        }
        int live = integer(item.get(1), field + "[1]");
        if (live < 0 || live > (FIRST_RESPONSE_LIVE | RESOLUTION_LIVE)) {
          throw new IllegalArgumentException(field + " has live bits " + live);
        }
        PauseReason pause =
            item.size() == 3 ? PauseReason.valueOf(textOf(item.get(2), field + "[2]")) : null;
        spans[i] = new Span(instant(item.get(0), field), live, pause);
        if (i > 0 && !spans[i - 1].start().isBefore(spans[i].start())) {
          throw new IllegalArgumentException(field + " does not start after the span before it");
        }
      }

      Instant firstResponseStoppedAt = optionalInstant(root, "sf");
      Instant resolutionStoppedAt = optionalInstant(root, "sr");
      int finalLive = spans[spans.length - 1].live();
      if (((finalLive & FIRST_RESPONSE_LIVE) == 0) != (firstResponseStoppedAt != null)
          || ((finalLive & RESOLUTION_LIVE) == 0) != (resolutionStoppedAt != null)) {
        throw new IllegalArgumentException(
            "fields sf and sr must be set exactly for stopped clocks");
      }
      boolean fin = root.path("fin").asBoolean(false);
      String approvalId = root.hasNonNull("ap") ? text(root, "ap") : null;
      Instant approvalAt = approvalId == null ? null : instant(root.get("apAt"), "apAt");
      int escalated = 0;
      for (JsonNode metric : root.path("esc")) {
        escalated |= bit(SlaMetric.valueOf(textOf(metric, "esc")));
      }
      return new TicketSla(
          id,
          terms,
          version,
          lastEventAt,
          priorities,
          spans,
          firstResponseStoppedAt,
          resolutionStoppedAt,
          fin,
          approvalId,
          approvalAt,
          escalated);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("bad instant in ticket SLA state: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode root, String field) {
    return textOf(root.get(field), field);
  }

  private static String textOf(JsonNode node, String field) {
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("field " + field + " must be a string");
    }
    return node.textValue();
  }

  private static int integer(JsonNode node, String field) {
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new IllegalArgumentException("field " + field + " must be an integer");
    }
    return node.intValue();
  }

  private static long whole(JsonNode node, String field) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new IllegalArgumentException("field " + field + " must be an integer");
    }
    return node.longValue();
  }

  private static JsonNode nonEmptyArray(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException("field " + field + " must be a non-empty array");
    }
    return node;
  }

  private static Instant optionalInstant(JsonNode root, String field) {
    return root.hasNonNull(field) ? instant(root.get(field), field) : null;
  }

  private static Instant instant(JsonNode node, String field) {
    if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
      return Instant.ofEpochMilli(node.longValue());
    }
    if (node != null && node.isTextual()) {
      return Instant.parse(node.textValue());
    }
    throw new IllegalArgumentException(
        "field " + field + " must be epoch milliseconds or an ISO-8601 instant");
  }

  // ---- value semantics ----

  /**
   * Equal when every part of the state is equal: ticket, terms, version, last event instant,
   * priority history, timeline, finality, pending approval and escalated metrics.
   *
   * @param obj the other object, may be null
   * @return true if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof TicketSla other
        && version == other.version
        && isFinal == other.isFinal
        && escalated == other.escalated
        && ticketId.equals(other.ticketId)
        && terms.equals(other.terms)
        && lastEventAt.equals(other.lastEventAt)
        && Objects.equals(firstResponseStoppedAt, other.firstResponseStoppedAt)
        && Objects.equals(resolutionStoppedAt, other.resolutionStoppedAt)
        && Objects.equals(approvalRequestId, other.approvalRequestId)
        && Objects.equals(approvalRequestedAt, other.approvalRequestedAt)
        && Arrays.equals(priorities, other.priorities)
        && Arrays.equals(spans, other.spans);
  }

  /**
   * A hash of every part of the state.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    int h =
        Objects.hash(
            ticketId,
            terms,
            version,
            lastEventAt,
            firstResponseStoppedAt,
            resolutionStoppedAt,
            isFinal,
            approvalRequestId,
            approvalRequestedAt,
            escalated);
    return 31 * (31 * h + Arrays.hashCode(priorities)) + Arrays.hashCode(spans);
  }

  /**
   * A short description, e.g. {@code TicketSla[T-1 v4 pronnus v1 priority=URGENT
   * timeline=[2026-03-09T12:00:00Z FR+RES, 2026-03-09T13:00:00Z FR+RES paused AWAITING_CUSTOMER]]}.
   *
   * @return the description, not null
   */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("TicketSla[")
            .append(ticketId)
            .append(" v")
            .append(version)
            .append(' ')
            .append(terms.policyId())
            .append(" v")
            .append(terms.policyVersion())
            .append(" priority=")
            .append(priority());
    if (priorities.length > 1) {
      sb.append(" priorities=[");
      for (int i = 0; i < priorities.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(priorities[i].from()).append(' ');
        sb.append(priorities[i].priority());
      }
      sb.append(']');
    }
    sb.append(" timeline=[");
    for (int i = 0; i < spans.length; i++) {
      Span s = spans[i];
      sb.append(i == 0 ? "" : ", ").append(s.start()).append(' ');
      sb.append(
          switch (s.live()) {
            case FIRST_RESPONSE_LIVE -> "FR";
            case RESOLUTION_LIVE -> "RES";
            case FIRST_RESPONSE_LIVE | RESOLUTION_LIVE -> "FR+RES";
            default -> "stopped";
          });
      if (s.pause() != null) {
        sb.append(" paused ").append(s.pause());
      }
    }
    sb.append(']');
    if (isFinal) {
      sb.append(" final");
    }
    if (approvalRequestId != null) {
      sb.append(" awaiting ")
          .append(approvalRequestId)
          .append(" since ")
          .append(approvalRequestedAt);
    }
    if (escalated != 0) {
      sb.append(" escalated=[");
      String sep = "";
      for (SlaMetric metric : SlaMetric.values()) {
        if (hasEscalated(metric)) {
          sb.append(sep).append(metric);
          sep = ", ";
        }
      }
      sb.append(']');
    }
    return sb.append(']').toString();
  }
}
