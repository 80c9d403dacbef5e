package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketOpened;
import io.prazo.eventstore.CatalogReader;
import io.prazo.sla.ClockView;
import io.prazo.sla.SlaClocks;
import io.prazo.sla.SlaPolicy;
import io.prazo.sla.TicketSla;
import io.prazo.testing.Http;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code GET /api/tickets/{id}?asOf=}: the ticket and its clocks as they were at a past instant. At
 * several instants of one ticket's life the answer must equal what sla-core computes from the
 * events that had happened by then, and a few hand-computed values. A context (and test clock) of
 * its own, so the life can be written in absolute instants.
 */
@TestPropertySource(properties = "prazo.test.context=AsOfIT")
class AsOfIT extends QueryIT {
  private static final String ORGANIZATION = "asof-org";

  @Autowired EventStorageEngine events;
  @Autowired CatalogReader catalog;

  /** A Monday whose whole day is still ahead of the test clock. */
  private LocalDate monday;

  /** An instant of the test's week: {@code day} days after its Monday, at a UTC time of day. */
  private Instant at(int day, String utcTime) {
    return monday.plusDays(day).atTime(LocalTime.parse(utcTime)).toInstant(ZoneOffset.UTC);
  }

  private void startNextWeek() {
    contract(ORGANIZATION, "pronnus");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    monday = today.plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
  }

  /**
   * A pronnus MEDIUM ticket: first response 2 h and resolution 24 h on br-8x5, Monday to Friday
   * 08:00-12:00 and 13:00-17:00 in São Paulo, that is 11:00-15:00 and 16:00-20:00 UTC (no holiday
   * falls in March 2026 after the 2nd).
   */
  @Test
  void rebuildsTheTicketAndItsClocksAtAnyInstantOfItsLife() {
    startNextWeek();
    clockAt(at(0, "19:00").toString());
    String id = open(ORGANIZATION, "MEDIUM");
    clockAt(at(1, "11:30").toString());
    reply(id);
    clockAt(at(1, "14:00").toString());
    pause(id);
    clockAt(at(3, "12:00").toString());
    resume(id);
    clockAt(at(4, "12:00").toString());
    resolve(id);
    clockAt(at(4, "16:30").toString());
    reject(id, ORGANIZATION);
    clockAt(at(7, "12:00").toString());
    resolve(id);
    clockAt(at(7, "13:00").toString());
    approve(id, ORGANIZATION);
    clockAt(at(8, "10:00").toString());

    // Opened Monday 16:00 local; before the first reply, and over the night that follows.
    JsonNode opened = asOf(id, at(0, "19:00"), 0, "OPEN");
    assertClock(opened, "firstResponse", "RUNNING", "PT0S", "PT2H", at(1, "12:00"));
    assertClock(opened, "resolution", "RUNNING", "PT0S", "PT24H", at(3, "19:00"));
    JsonNode beforeReply = asOf(id, at(0, "19:30"), 0, "OPEN");
    assertClock(beforeReply, "firstResponse", "RUNNING", "PT30M", "PT1H30M", at(1, "12:00"));
    assertClock(beforeReply, "resolution", "RUNNING", "PT30M", "PT23H30M", at(3, "19:00"));
    JsonNode night = asOf(id, at(1, "03:00"), 0, "OPEN");
    assertClock(night, "firstResponse", "RUNNING", "PT1H", "PT1H", at(1, "12:00"));

    // The first public reply, Tuesday 08:30 local: first response met with 1h30m.
    JsonNode replied = asOf(id, at(1, "11:30"), 2, "IN_PROGRESS");
    assertThat(replied.at("/sla/firstResponse/status").asText()).isEqualTo("MET");
    assertThat(replied.at("/sla/firstResponse/elapsed").asText()).isEqualTo("PT1H30M");
    assertThat(instant(replied.at("/sla/firstResponse/metAt"))).isEqualTo(at(1, "11:30"));
    assertThat(instant(replied.get("firstResponseAt"))).isEqualTo(at(1, "11:30"));

    // Paused Tuesday 11:00 local with 4 h of resolution time spent: frozen until the resume.
    JsonNode pausedNow = asOf(id, at(1, "14:00"), 3, "AWAITING");
    assertThat(pausedNow.get("pauseReason").asText()).isEqualTo("AWAITING_CUSTOMER");
    assertClock(pausedNow, "resolution", "PAUSED", "PT4H", "PT20H", null);
    assertClock(
        asOf(id, at(2, "18:00"), 3, "AWAITING"), "resolution", "PAUSED", "PT4H", "PT20H", null);
    assertClock(
        asOf(id, at(3, "11:59:59"), 3, "AWAITING"), "resolution", "PAUSED", "PT4H", "PT20H", null);

    // Resumed Thursday 09:00 local: 20 h left run out the next Monday at 14:00 local.
    assertClock(
        asOf(id, at(3, "12:00"), 4, "IN_PROGRESS"),
        "resolution",
        "RUNNING",
        "PT4H",
        "PT20H",
        at(7, "17:00"));
    assertClock(
        asOf(id, at(3, "12:30"), 4, "IN_PROGRESS"),
        "resolution",
        "RUNNING",
        "PT4H30M",
        "PT19H30M",
        at(7, "17:00"));
    assertClock(
        asOf(id, at(3, "23:00"), 4, "IN_PROGRESS"),
        "resolution",
        "RUNNING",
        "PT11H",
        "PT13H",
        at(7, "17:00"));

    // Resolved Friday 09:00 local: met with 12 h; awaiting approval, auto-close 4 business days on.
    JsonNode resolved = asOf(id, at(4, "16:29:59"), 6, "RESOLVED");
    assertThat(resolved.at("/sla/resolution/status").asText()).isEqualTo("MET");
    assertThat(resolved.at("/sla/resolution/elapsed").asText()).isEqualTo("PT12H");
    assertThat(instant(resolved.at("/sla/resolution/metAt"))).isEqualTo(at(4, "12:00"));
    assertThat(instant(resolved.get("resolvedAt"))).isEqualTo(at(4, "12:00"));
    assertThat(instant(resolved.get("autoCloseAt"))).isEqualTo(at(10, "12:00"));

    // Rejected Friday 13:30 local: the clock resumes from 12 h; the approval wait never counts.
    JsonNode reopened = asOf(id, at(4, "16:30"), 8, "IN_PROGRESS");
    assertClock(reopened, "resolution", "RUNNING", "PT12H", "PT12H", at(8, "11:30"));
    assertThat(absent(reopened.get("resolvedAt"))).isTrue();
    assertThat(absent(reopened.get("autoCloseAt"))).isTrue();
    JsonNode afterReopen = asOf(id, at(4, "17:30"), 8, "IN_PROGRESS");
    assertClock(afterReopen, "resolution", "RUNNING", "PT13H", "PT11H", at(8, "11:30"));
    assertThat(afterReopen.at("/sla/firstResponse/status").asText()).isEqualTo("MET");

    // Resolved again the next Monday 09:00 local with 16h30m, then approved and closed.
    JsonNode resolvedAgain = asOf(id, at(7, "12:59:59.999"), 10, "RESOLVED");
    assertThat(resolvedAgain.at("/sla/resolution/elapsed").asText()).isEqualTo("PT16H30M");
    assertThat(instant(resolvedAgain.at("/sla/resolution/metAt"))).isEqualTo(at(7, "12:00"));
    for (Instant afterClose : List.of(at(7, "13:00"), at(8, "10:00"))) {
      JsonNode closed = asOf(id, afterClose, 13, "CLOSED");
      assertThat(instant(closed.get("closedAt"))).isEqualTo(at(7, "13:00"));
      assertThat(closed.get("closedHow").asText()).isEqualTo("APPROVED");
      assertThat(closed.at("/sla/resolution/status").asText()).isEqualTo("MET");
      assertThat(closed.at("/sla/resolution/elapsed").asText()).isEqualTo("PT16H30M");
      assertThat(instant(closed.at("/sla/resolution/metAt"))).isEqualTo(at(7, "12:00"));
      assertThat(instant(closed.at("/sla/firstResponse/metAt"))).isEqualTo(at(1, "11:30"));
      assertThat(absent(closed.get("autoCloseAt"))).isTrue();
    }

    // The live view agrees with the as-of view at now.
    JsonNode live = expect(200, ticket(id, agent())).json();
    JsonNode now = asOf(id, clock.instant(), 13, "CLOSED");
    assertThat(live.get("sla")).isEqualTo(now.get("sla"));
    assertThat(absent(live.get("asOf"))).isTrue();
  }

  /**
   * A pronnus HIGH ticket on 24x7: the first response breaches while the ticket waits, and a
   * resolution clock paused, resumed, resolved, reopened and resolved again.
   */
  @Test
  void rebuildsBreachedAndReopenedClocksOnARoundTheClockTarget() {
    startNextWeek();
    clockAt(at(0, "12:00").toString());
    String id = open(ORGANIZATION, "HIGH");
    clockAt(at(0, "12:50").toString());
    pause(id);
    clockAt(at(0, "14:00").toString());
    resume(id);
    clockAt(at(0, "14:30").toString());
    reply(id);
    clockAt(at(0, "15:00").toString());
    resolve(id);
    clockAt(at(0, "17:00").toString());
    reject(id, ORGANIZATION);
    clockAt(at(0, "18:00").toString());
    resolve(id);
    clockAt(at(0, "18:30").toString());
    approve(id, ORGANIZATION);
    clockAt(at(0, "19:00").toString());

    // First response 1 h: at risk from 45 min, frozen while paused, breached 10 min after resume.
    assertClock(
        asOf(id, at(0, "12:35"), 0, "OPEN"),
        "firstResponse",
        "RUNNING",
        "PT35M",
        "PT25M",
        at(0, "13:00"));
    assertClock(
        asOf(id, at(0, "12:47"), 0, "OPEN"),
        "firstResponse",
        "AT_RISK",
        "PT47M",
        "PT13M",
        at(0, "13:00"));
    assertClock(
        asOf(id, at(0, "13:30"), 1, "AWAITING"), "firstResponse", "PAUSED", "PT50M", "PT10M", null);
    assertClock(
        asOf(id, at(0, "14:05"), 2, "IN_PROGRESS"),
        "firstResponse",
        "AT_RISK",
        "PT55M",
        "PT5M",
        at(0, "14:10"));
    JsonNode breached = asOf(id, at(0, "14:15"), 2, "IN_PROGRESS");
    assertThat(breached.at("/sla/firstResponse/status").asText()).isEqualTo("BREACHED");
    assertThat(instant(breached.at("/sla/firstResponse/breachedAt"))).isEqualTo(at(0, "14:10"));
    JsonNode answeredLate = asOf(id, at(0, "14:30"), 4, "IN_PROGRESS");
    assertThat(answeredLate.at("/sla/firstResponse/status").asText()).isEqualTo("BREACHED");
    assertThat(answeredLate.at("/sla/firstResponse/elapsed").asText()).isEqualTo("PT1H20M");
    assertThat(instant(answeredLate.at("/sla/firstResponse/breachedAt"))).isEqualTo(at(0, "14:10"));

    // Resolution 8 h: 1h50m at the first resolution, resumed from there after the rejection.
    JsonNode resolvedOnce = asOf(id, at(0, "16:00"), 6, "RESOLVED");
    assertThat(resolvedOnce.at("/sla/resolution/status").asText()).isEqualTo("MET");
    assertThat(resolvedOnce.at("/sla/resolution/elapsed").asText()).isEqualTo("PT1H50M");
    assertThat(instant(resolvedOnce.get("autoCloseAt"))).isNotNull();
    assertClock(
        asOf(id, at(0, "17:30"), 8, "IN_PROGRESS"),
        "resolution",
        "RUNNING",
        "PT2H20M",
        "PT5H40M",
        at(0, "23:10"));
    JsonNode closed = asOf(id, at(0, "19:00"), 13, "CLOSED");
    assertThat(closed.at("/sla/resolution/status").asText()).isEqualTo("MET");
    assertThat(closed.at("/sla/resolution/elapsed").asText()).isEqualTo("PT2H50M");
    assertThat(instant(closed.at("/sla/resolution/metAt"))).isEqualTo(at(0, "18:00"));
    assertThat(closed.at("/sla/firstResponse/status").asText()).isEqualTo("BREACHED");
  }

  @Test
  void isNotFoundBeforeTheOpeningOrForAnotherOrganizationsCustomer() {
    contract(ORGANIZATION, "pronnus");
    contract("asof-other", "pronnus");
    advance(Duration.ofMinutes(1));
    Instant openedAt = clock.instant();
    String id = open(ORGANIZATION, "URGENT");
    advance(Duration.ofMinutes(10));

    expect(404, get(id, openedAt.minusMillis(1), agent()));
    JsonNode first = expect(200, get(id, openedAt, agent())).json();
    assertThat(first.get("version").asLong()).isZero();
    assertThat(instant(first.get("asOf"))).isEqualTo(openedAt);
    JsonNode later = expect(200, get(id, openedAt.plusSeconds(60), customer(ORGANIZATION))).json();
    assertThat(instant(later.get("asOf"))).isEqualTo(openedAt.plusSeconds(60));
    assertThat(later.at("/sla/firstResponse/elapsed").asText()).isEqualTo("PT1M");

    Http.Answer foreign = expect(404, get(id, openedAt.plusSeconds(60), customer("asof-other")));
    Http.Answer unknown =
        expect(404, get("ffffffff-0000-0000-0000-000000000000", openedAt, customer("asof-other")));
    for (String field : List.of("type", "title", "status")) {
      assertThat(foreign.text(field)).as(field).isNotNull().isEqualTo(unknown.text(field));
    }

    expect(400, get(id, clock.instant().plusSeconds(1), agent()));
    expect(400, http.get("/api/tickets/" + id + "?asOf=yesterday", agent()));
    expect(400, http.get("/api/tickets/" + id + "?asOf=" + openedAt + "&minVersion=0", agent()));
  }

  private Http.Answer get(String id, Instant asOf, String token) {
    return http.get("/api/tickets/" + id + "?asOf=" + asOf, token);
  }

  /**
   * The ticket as of an instant, as a supervisor reads it; checks its status, version and the
   * {@code asOf} it carries, and that its clocks are exactly sla-core's for the events that had
   * happened by then.
   */
  private JsonNode asOf(String id, Instant instant, long version, String status) {
    JsonNode ticket = expect(200, get(id, instant, supervisor())).json();
    assertThat(ticket.get("version").asLong()).as("version as of %s", instant).isEqualTo(version);
    assertThat(ticket.get("status").asText()).as("status as of %s", instant).isEqualTo(status);
    assertThat(ticket.get("priority").asText()).isNotBlank();
    assertThat(instant(ticket.get("asOf"))).isEqualTo(instant);

    List<TicketEvent> happened = happenedBy(id, instant);
    assertThat(happened).hasSize((int) version + 1);
    TicketSla sla = TicketSla.opened((TicketOpened) happened.get(0));
    for (TicketEvent event : happened.subList(1, happened.size())) {
      sla = sla.apply(event);
    }
    SlaPolicy policy = catalog.policy(sla.terms().policyId(), sla.terms().policyVersion());
    SlaClocks expected = SlaClocks.evaluate(sla, policy, catalog, instant);
    assertThat(ticket.at("/sla/policyId").asText()).isEqualTo(policy.id());
    assertThat(ticket.at("/sla/policyVersion").asInt()).isEqualTo(policy.version());
    assertSameClock(ticket.at("/sla/firstResponse"), expected.firstResponse(), instant);
    assertSameClock(ticket.at("/sla/resolution"), expected.resolution(), instant);
    assertThat(instant(ticket.get("autoCloseAt"))).isEqualTo(expected.autoCloseAt().orElse(null));
    return ticket;
  }

  /** The ticket's stored events that had happened by an instant, read from the event store. */
  private List<TicketEvent> happenedBy(String id, Instant instant) {
    List<TicketEvent> happened = new ArrayList<>();
    DomainEventStream stream = events.readEvents(id, 0);
    while (stream.hasNext()) {
      DomainEventMessage<?> message = stream.next();
      TicketEvent event = (TicketEvent) message.getPayload();
      if (!event.occurredAt().isAfter(instant)) {
        happened.add(event);
      }
    }
    return happened;
  }

  private static void assertSameClock(JsonNode clock, ClockView expected, Instant instant) {
    String what = expected.metric() + " as of " + instant + ": " + clock;
    assertThat(clock.get("status").asText()).as(what).isEqualTo(expected.status().name());
    assertThat(duration(clock.get("target"))).as(what).isEqualTo(expected.target());
    assertThat(duration(clock.get("elapsed"))).as(what).isEqualTo(expected.elapsed());
    assertThat(duration(clock.get("remaining"))).as(what).isEqualTo(expected.remaining());
    assertThat(instant(clock.get("dueAt"))).as(what).isEqualTo(expected.dueAt());
    assertThat(instant(clock.get("metAt"))).as(what).isEqualTo(expected.metAt());
    assertThat(instant(clock.get("breachedAt"))).as(what).isEqualTo(expected.breachedAt());
  }

  /** Hand-computed values of one clock. */
  private static void assertClock(
      JsonNode ticket,
      String clock,
      String status,
      String elapsed,
      String remaining,
      Instant dueAt) {
    JsonNode node = ticket.at("/sla/" + clock);
    assertThat(node.get("status").asText()).as("%s", node).isEqualTo(status);
    assertThat(duration(node.get("elapsed"))).as("%s", node).isEqualTo(Duration.parse(elapsed));
    assertThat(duration(node.get("remaining"))).as("%s", node).isEqualTo(Duration.parse(remaining));
    assertThat(instant(node.get("dueAt"))).as("%s", node).isEqualTo(dueAt);
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static Duration duration(JsonNode node) {
    return absent(node) ? null : Duration.parse(node.asText());
  }

  private static Instant instant(JsonNode node) {
    return absent(node) ? null : Instant.parse(node.asText());
  }
}
