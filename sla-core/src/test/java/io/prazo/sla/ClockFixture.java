package io.prazo.sla;

import io.prazo.events.ApprovalRequested;
import io.prazo.events.Channel;
import io.prazo.events.ClosedHow;
import io.prazo.events.ClosingCategory;
import io.prazo.events.EscalationReason;
import io.prazo.events.FirstResponseRecorded;
import io.prazo.events.PauseReason;
import io.prazo.events.PriorityChanged;
import io.prazo.events.ReplyAdded;
import io.prazo.events.Requester;
import io.prazo.events.ResolutionApproved;
import io.prazo.events.ResolutionRejected;
import io.prazo.events.ResumeTrigger;
import io.prazo.events.Role;
import io.prazo.events.SlaMetric;
import io.prazo.events.SlaTerms;
import io.prazo.events.SupportLevel;
import io.prazo.events.SurveyRequested;
import io.prazo.events.TicketAssigned;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test data for the clocks: the presets of 2026 as a {@link CalendarSource}, and {@link History}, a
 * ticket's event stream built command by command with the events the aggregate emits for each.
 */
final class ClockFixture {

  static final ZoneId SAO_PAULO = Presets.SAO_PAULO;
  static final List<BusinessCalendar> CALENDARS_2026 = Presets.calendars(Year.of(2026));
  static final CalendarSource PRESET_CALENDARS = SlaFixture.calendarSource(CALENDARS_2026);
  static final String TICKET = "T-1";

  private ClockFixture() {}

  /** A preset policy by id. */
  static SlaPolicy preset(String policyId) {
    return Presets.policies().stream()
        .filter(p -> p.id().equals(policyId))
        .findFirst()
        .orElseThrow();
  }

  /** A preset calendar of 2026 by id. */
  static BusinessCalendar presetCalendar(String calendarId) {
    return CALENDARS_2026.stream().filter(c -> c.id().equals(calendarId)).findFirst().orElseThrow();
  }

  /** A local date-time in São Paulo, e.g. {@code sp("2026-03-06T18:00")}. */
  static Instant sp(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SAO_PAULO).toInstant();
  }

  /** A UTC instant, e.g. {@code utc("2026-03-09T12:00")}. */
  static Instant utc(String localDateTime) {
    return Instant.parse(
        localDateTime.length() == 16 ? localDateTime + ":00Z" : localDateTime + "Z");
  }

  /** The opening event of ticket {@code id} under the policy's id and version. */
  static TicketOpened opened(String id, SlaPolicy policy, String priority, Instant at) {
    Map<String, Integer> versions = new LinkedHashMap<>();
    for (String calendarId : policy.calendarIds()) {
      versions.put(calendarId, 1);
    }
    return new TicketOpened(
        id,
        at,
        "TCK-000001",
        "acme",
        new Requester("customer-1", "Customer", "customer@example.com"),
        "Subject",
        "Description",
        Channel.PORTAL,
        "product",
        null,
        null,
        null,
        priority,
        false,
        new SlaTerms(policy.id(), policy.version(), versions),
        SupportLevel.N1);
  }

  /**
   * A ticket's history: each command method appends the events the aggregate emits for it. Mutable;
   * {@link #sla()} folds the events so far.
   */
  static final class History {
    private final SlaPolicy policy;
    private final CalendarSource calendars;
    private final List<TicketEvent> events = new ArrayList<>();
    private final String id;
    private int replies;
    private int cycle;
    private String approval;
    private boolean firstResponded;

    private History(String id, SlaPolicy policy, CalendarSource calendars, TicketOpened opened) {
      this.id = id;
      this.policy = policy;
      this.calendars = calendars;
      events.add(opened);
    }

    /** Opens ticket T-1 under a preset policy, with the preset calendars of 2026. */
    static History open(String policyId, String priority, Instant at) {
      SlaPolicy policy = preset(policyId);
      return new History(TICKET, policy, PRESET_CALENDARS, opened(TICKET, policy, priority, at));
    }

    /** Opens ticket T-1 under any policy and calendars. */
    static History open(SlaPolicy policy, CalendarSource calendars, String priority, Instant at) {
      return new History(TICKET, policy, calendars, opened(TICKET, policy, priority, at));
    }

    History assign(Instant at) {
      return add(new TicketAssigned(id, at, "agent-1", SupportLevel.N1));
    }

    /** A public agent reply; the first one records the first response. */
    History agentReply(Instant at) {
      String replyId = id + "/reply/" + ++replies;
      add(new ReplyAdded(id, at, replyId, "agent-1", Role.AGENT, "Hello", true));
      if (!firstResponded) {
        firstResponded = true;
        add(new FirstResponseRecorded(id, at, replyId, "agent-1"));
      }
      return this;
    }

    /** A customer reply; on a paused ticket it also resumes it. */
    History customerReply(Instant at, boolean paused) {
      String replyId = id + "/reply/" + ++replies;
      add(new ReplyAdded(id, at, replyId, "customer-1", Role.CUSTOMER, "Hi", true));
      if (paused) {
        add(new TicketResumed(id, at, ResumeTrigger.CUSTOMER_REPLY));
      }
      return this;
    }

    History pause(PauseReason reason, Instant at) {
      return add(new TicketPaused(id, at, reason));
    }

    History resume(Instant at) {
      return add(new TicketResumed(id, at, ResumeTrigger.AGENT));
    }

    History changePriority(String from, String to, Instant at) {
      return add(new PriorityChanged(id, at, from, to, "agreed", "customer-1"));
    }

    History escalate(EscalationReason reason, SlaMetric metric, Instant at) {
      return add(
          new TicketEscalated(id, at, SupportLevel.N1, SupportLevel.N2, 1, reason, metric, null));
    }

    History resolve(Instant at) {
      approval = id + "/approval/" + ++cycle;
      add(new TicketResolved(id, at, ClosingCategory.PRODUCT_ERROR, "Fixed", "agent-1"));
      return add(new ApprovalRequested(id, at, approval));
    }

    History approve(Instant at) {
      add(new ResolutionApproved(id, at, approval, "thanks"));
      add(new TicketClosed(id, at, ClosedHow.APPROVED));
      return add(new SurveyRequested(id, at, id + "/survey"));
    }

    History reject(Instant at) {
      add(new ResolutionRejected(id, at, approval, "still broken"));
      return add(new TicketReopened(id, at));
    }

    History autoClose(Instant at) {
      add(new TicketAutoClosed(id, at, approval));
      add(new TicketClosed(id, at, ClosedHow.AUTO_CLOSED));
      return add(new SurveyRequested(id, at, id + "/survey"));
    }

    History cancel(Instant at) {
      return add(new TicketCancelled(id, at, "no longer needed"));
    }

    History add(TicketEvent event) {
      events.add(event);
      return this;
    }

    List<TicketEvent> events() {
      return List.copyOf(events);
    }

    SlaPolicy policy() {
      return policy;
    }

    CalendarSource calendars() {
      return calendars;
    }

    /** The fold of the events so far. */
    TicketSla sla() {
      return fold(events);
    }

    /** The clocks at an instant. */
    SlaClocks at(Instant now) {
      return SlaClocks.evaluate(sla(), policy, calendars, now);
    }
  }

  /** Folds a stream whose first event is TicketOpened. */
  static TicketSla fold(List<TicketEvent> events) {
    TicketSla sla = TicketSla.opened((TicketOpened) events.get(0));
    for (TicketEvent event : events.subList(1, events.size())) {
      sla = sla.apply(event);
    }
    return sla;
  }
}
