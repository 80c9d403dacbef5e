package io.prazo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CloudEventJsonTest {
  private static final String SOURCE = "/prazo/ticket-command";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2025-05-02T22:30:00Z");

  private final CloudEventJson cloudEvents = CloudEventJson.standard();

  private static TicketEventEnvelope envelope(TicketEvent event, long sequence, Actor actor) {
    return new TicketEventEnvelope(
        "evt-" + sequence, sequence, new EventMetadata(actor, "corr-1", "cmd-1"), event);
  }

  private static TicketEventEnvelope paused() {
    return envelope(
        new TicketPaused("t-1", AT, PauseReason.AWAITING_CUSTOMER),
        7,
        new Actor("agent-1", Role.AGENT, null));
  }

  @Test
  void writesTheAttributesOfTheContract() throws IOException {
    TicketEventEnvelope envelope =
        envelope(
            new ApprovalRequested("t-1", AT, "t-1/approval/1"),
            12,
            new Actor("c-1", Role.CUSTOMER, "acme"));
    JsonNode written = JSON.readTree(cloudEvents.write(envelope, SOURCE));

    assertThat(written.path("specversion").asText()).isEqualTo("1.0");
    assertThat(written.path("id").asText()).isEqualTo("evt-12");
    assertThat(written.path("source").asText()).isEqualTo(SOURCE);
    assertThat(written.path("type").asText()).isEqualTo("io.prazo.ticket.approval-requested.v1");
    assertThat(written.path("subject").asText()).isEqualTo("t-1");
    assertThat(written.path("time").asText()).isEqualTo("2025-05-02T22:30:00Z");
    assertThat(written.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(written.path("sequence").isIntegralNumber()).isTrue();
    assertThat(written.path("sequence").asLong()).isEqualTo(12);
    assertThat(written.path("correlationid").asText()).isEqualTo("corr-1");
    assertThat(written.path("causationid").asText()).isEqualTo("cmd-1");
    assertThat(written.path("actorid").asText()).isEqualTo("c-1");
    assertThat(written.path("actorrole").asText()).isEqualTo("customer");
    assertThat(written.path("actororganization").asText()).isEqualTo("acme");
    assertThat(written.path("data"))
        .isEqualTo(JSON.readTree(TicketEventJson.standard().write(envelope.event())));
  }

  @Test
  void leavesTheOrganizationOutForStaffAndSystemActors() throws IOException {
    JsonNode written = JSON.readTree(cloudEvents.write(paused(), SOURCE));
    assertThat(written.has("actororganization")).isFalse();
    assertThat(written.path("actorrole").asText()).isEqualTo("agent");
  }

  @Test
  void roundTripsAnEnvelopeOfEveryEventType() {
    List<TicketEvent> samples = new ArrayList<>(EventSamples.allFull());
    samples.addAll(EventSamples.allSparse());
    assertThat(samples.stream().map(Object::getClass).distinct()).hasSize(EventTypes.all().size());
    long sequence = 0;
    for (TicketEvent event : samples) {
      Actor actor =
          sequence % 2 == 0 ? new Actor("c-1", Role.CUSTOMER, "acme") : Actor.system("sla");
      TicketEventEnvelope envelope = envelope(event, sequence++, actor);
      CloudEventJson.Received received = cloudEvents.read(cloudEvents.write(envelope, SOURCE));
      assertThat(received.envelope()).isEqualTo(envelope);
      assertThat(received.source()).isEqualTo(SOURCE);
      assertThat(received.time()).isEqualTo(event.occurredAt());
    }
  }

  @Test
  void keepsLargeSequencesAndNanosecondInstants() {
    Instant precise = Instant.parse("2025-05-02T22:30:00.000000001Z");
    TicketEventEnvelope envelope =
        envelope(new TicketReopened("t-1", precise), 3_000_000_000L, Actor.system("x"));
    assertThat(cloudEvents.read(cloudEvents.write(envelope, SOURCE)).envelope())
        .isEqualTo(envelope);
  }

  @Test
  void upcastsAnOlderVersionOfAType() {
    String v1 =
        """
        {"specversion":"1.0","id":"e-1","source":"/legacy","type":"io.prazo.ticket.opened.v1",
         "subject":"t-9","time":"2024-11-04T12:00:00Z","datacontenttype":"application/json",
         "sequence":0,"correlationid":"c","causationid":"k","actorid":"c-1","actorrole":"customer",
         "actororganization":"acme",
         "data":{"ticketId":"t-9","occurredAt":"2024-11-04T12:00:00Z","number":"TCK-000009",
          "organizationId":"acme","requester":{"id":"c-1","name":"Ana"},"subject":"Old",
          "description":"","channel":"PHONE","priority":"P2","policyId":"presence",
          "policyVersion":1,"level":"N1"}}
        """;
    CloudEventJson.Received received = cloudEvents.read(v1.getBytes(StandardCharsets.UTF_8));
    assertThat(received.envelope().event()).isInstanceOf(TicketOpened.class);
    TicketOpened opened = (TicketOpened) received.envelope().event();
    assertThat(opened.sla().policyVersion()).isEqualTo(1);
    assertThat(received.envelope().metadata().actor().organizationId()).isEqualTo("acme");
    assertThat(received.source()).isEqualTo("/legacy");
  }

  @Test
  void acceptsAnRfc3339TimeWithAnOffset() {
    byte[] json = mutate(paused(), e -> e.put("time", "2025-05-02T19:30:00-03:00"));
    assertThat(cloudEvents.read(json).time()).isEqualTo(AT);
  }

  @Test
  void ignoresAttributesItDoesNotKnow() {
    byte[] json = mutate(paused(), e -> e.put("traceparent", "00-abc-def-01"));
    assertThat(cloudEvents.read(json).envelope()).isEqualTo(paused());
  }

  @Test
  void refusesAnotherSpecVersion() {
    assertRefused(e -> e.put("specversion", "0.3"), "specversion 0.3");
  }

  @Test
  void refusesEveryMissingAttribute() {
    for (String attribute :
        List.of(
            "specversion",
            "id",
            "source",
            "type",
            "subject",
            "time",
            "datacontenttype",
            "data",
            "sequence",
            "correlationid",
            "causationid",
            "actorid",
            "actorrole")) {
      assertRefused(e -> e.remove(attribute), attribute);
      assertRefused(e -> e.putNull(attribute), attribute);
    }
  }

  @Test
  void refusesAttributesOfTheWrongType() {
    assertRefused(e -> e.put("sequence", "7"), "sequence");
    assertRefused(e -> e.put("sequence", 7.5), "sequence");
    assertRefused(e -> e.put("sequence", -1), "sequence");
    assertRefused(e -> e.put("id", 42), "id");
    assertRefused(e -> e.put("subject", " "), "subject");
    assertRefused(e -> e.put("data", "{}"), "data");
    assertRefused(e -> e.put("time", "yesterday"), "time");
    assertRefused(e -> e.put("actorrole", "janitor"), "actorrole");
    assertRefused(e -> e.put("datacontenttype", "text/xml"), "datacontenttype");
  }

  @Test
  void refusesAnUnknownTypeAndAVersionFromTheFuture() {
    assertRefused(e -> e.put("type", "io.prazo.ticket.teleported.v1"), "unknown event type");
    assertRefused(e -> e.put("type", "io.prazo.ticket.paused"), "no version suffix");
    assertRefused(e -> e.put("type", "io.prazo.ticket.paused.v2"), "newer than this code");
  }

  @Test
  void refusesASubjectOrTimeThatDiffersFromTheData() {
    assertRefused(e -> e.put("subject", "t-2"), "subject t-2 differs from the ticket id t-1");
    assertRefused(e -> e.put("time", "2025-05-02T22:30:01Z"), "differs from the occurredAt");
    assertRefused(e -> ((ObjectNode) e.get("data")).remove("ticketId"), "subject t-1 differs");
  }

  @Test
  void refusesWhatIsNoJsonObject() {
    assertThatThrownBy(() -> cloudEvents.read("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not parse");
    assertThatThrownBy(() -> cloudEvents.read("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an object");
  }

  @Test
  void refusesABlankOrInvalidSource() {
    assertThatThrownBy(() -> cloudEvents.write(paused(), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source");
    assertThatThrownBy(() -> cloudEvents.write(paused(), "/prazo/ticket command"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("URI reference");
  }

  private void assertRefused(Consumer<ObjectNode> change, String message) {
    byte[] json = mutate(paused(), change);
    assertThatThrownBy(() -> cloudEvents.read(json))
        .as("refuses a CloudEvent with %s", message)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private byte[] mutate(TicketEventEnvelope envelope, Consumer<ObjectNode> change) {
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(cloudEvents.write(envelope, SOURCE));
      change.accept(tree);
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
