package io.prazo.query.projection;

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
import io.prazo.events.SurveyAnswered;
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
import io.prazo.sla.TicketSla;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test data for the ticket view: the opening event, and {@link History}, a ticket's event stream
 * built command by command with the events ticket-command's aggregate emits for each, one minute
 * apart.
 */
final class TicketViewFixture {
  static final String TICKET = "T-1";
  static final String ORG = "acme";
  static final Instant OPENED_AT = Instant.parse("2026-03-02T12:00:00Z");
  static final Requester REQUESTER = new Requester("customer-1", "Ana", "ana@acme.example");
  static final SlaTerms TERMS = new SlaTerms("pronnus", 1, Map.of("24x7", 1, "br-8x5", 1));
  static final String AGENT = "agent-1";
  static final String OTHER_AGENT = "agent-2";
  static final Duration STEP = Duration.ofMinutes(1);

  private TicketViewFixture() {}

  /** Ticket T-1 opened at {@link #OPENED_AT}, priority HIGH, level N1. */
  static TicketOpened opened() {
    return opened(TICKET, OPENED_AT);
  }

  static TicketOpened opened(String ticketId, Instant at) {
    return new TicketOpened(
        ticketId,
        at,
        "TCK-000001",
        ORG,
        REQUESTER,
        "NF-e rejected",
        "Invoices are rejected since this morning",
        Channel.PORTAL,
        "fiscal",
        "S2",
        "HIGH",
        "MEDIUM",
        "HIGH",
        true,
        TERMS,
        SupportLevel.N1);
  }

  /** Ticket T-1 as the API may open it: no e-mail, product or matrix inputs, priority given. */
  static TicketOpened openedWithoutOptionalFields() {
    return new TicketOpened(
        TICKET,
        OPENED_AT,
        "TCK-000002",
        ORG,
        new Requester(REQUESTER.id(), "Ana", null),
        "NF-e rejected",
        "",
        Channel.EMAIL,
        null,
        null,
        null,
        null,
        "LOW",
        false,
        TERMS,
        SupportLevel.N1);
  }

  /** Folds a stream whose first event is TicketOpened, as the projection and the auditor do. */
  static TicketView fold(List<TicketEvent> events) {
    TicketView view = TicketView.opened((TicketOpened) events.get(0));
    for (TicketEvent event : events.subList(1, events.size())) {
      view = view.apply(event);
    }
    return view;
  }

  /** sla-core's own fold of the same stream, to compare with the view's. */
  static TicketSla foldSla(List<TicketEvent> events) {
    TicketSla sla = TicketSla.opened((TicketOpened) events.get(0));
    for (TicketEvent event : events.subList(1, events.size())) {
      sla = sla.apply(event);
    }
    return sla;
  }

  /**
   * A ticket's history. Each command method appends the events the aggregate emits for it, at an
   * instant one {@link #STEP} after the previous command. Mutable.
   */
  static final class History {
    private final String id;
    private final List<TicketEvent> events = new ArrayList<>();
    private Instant now;
    private int replies;
    private int cycle;
    private String approval;
    private boolean firstResponded;
    private boolean paused;

    private History(TicketOpened opened) {
      this.id = opened.ticketId();
      this.now = opened.occurredAt();
      events.add(opened);
    }

    /** Opens ticket T-1 at {@link #OPENED_AT}. */
    static History open() {
      return new History(opened());
    }

    static History open(TicketOpened opened) {
      return new History(opened);
    }

    /** The instant the next command happens at. */
    Instant next() {
      return now.plus(STEP);
    }

    /** The instant of the last command. */
    Instant now() {
      return now;
    }

    String id() {
      return id;
    }

    /** The current approval request's id, or null. */
    String approval() {
      return approval;
    }

    History assign(String assignee, SupportLevel level) {
      return command(new TicketAssigned(id, next(), assignee, level));
    }

    /** A reply by an agent or supervisor; the first public one records the first response. */
    History agentReply(Role role, boolean isPublic) {
      Instant at = next();
      String replyId = nextReplyId();
      command(new ReplyAdded(id, at, replyId, AGENT, role, "Looking into it", isPublic));
      if (isPublic && !firstResponded) {
        firstResponded = true;
        add(new FirstResponseRecorded(id, at, replyId, AGENT));
      }
      return this;
    }

    History agentReply() {
      return agentReply(Role.AGENT, true);
    }

    History internalNote() {
      return agentReply(Role.AGENT, false);
    }

    /** A customer reply; on a paused ticket it also resumes it. */
    History customerReply() {
      Instant at = next();
      command(
          new ReplyAdded(id, at, nextReplyId(), REQUESTER.id(), Role.CUSTOMER, "Still down", true));
      if (paused) {
        paused = false;
        add(new TicketResumed(id, at, ResumeTrigger.CUSTOMER_REPLY));
      }
      return this;
    }

    History pause(PauseReason reason) {
      paused = true;
      return command(new TicketPaused(id, next(), reason));
    }

    History resume() {
      paused = false;
      return command(new TicketResumed(id, next(), ResumeTrigger.AGENT));
    }

    History changePriority(String from, String to) {
      return command(new PriorityChanged(id, next(), from, to, "agreed", REQUESTER.id()));
    }

    History escalate(
        SupportLevel from, SupportLevel to, int escalationLevel, EscalationReason reason) {
      SlaMetric metric = reason == EscalationReason.SLA_BREACH ? SlaMetric.RESOLUTION : null;
      return command(
          new TicketEscalated(id, next(), from, to, escalationLevel, reason, metric, "note"));
    }

    History resolve(ClosingCategory category, String summary, String by) {
      Instant at = next();
      approval = id + "/approval/" + ++cycle;
      command(new TicketResolved(id, at, category, summary, by));
      return add(new ApprovalRequested(id, at, approval));
    }

    History resolve() {
      return resolve(ClosingCategory.PRODUCT_ERROR, "Patched the rejection rule", AGENT);
    }

    History approve() {
      Instant at = next();
      command(new ResolutionApproved(id, at, approval, "thanks"));
      approval = null;
      add(new TicketClosed(id, at, ClosedHow.APPROVED));
      return add(new SurveyRequested(id, at, id + "/survey"));
    }

    History reject() {
      Instant at = next();
      command(new ResolutionRejected(id, at, approval, "still broken"));
      approval = null;
      return add(new TicketReopened(id, at));
    }

    History autoClose() {
      Instant at = next();
      command(new TicketAutoClosed(id, at, approval));
      approval = null;
      add(new TicketClosed(id, at, ClosedHow.AUTO_CLOSED));
      return add(new SurveyRequested(id, at, id + "/survey"));
    }

    History answerSurvey(int score, String comment) {
      return command(new SurveyAnswered(id, next(), id + "/survey", score, comment));
    }

    History cancel(String reason) {
      paused = false;
      return command(new TicketCancelled(id, next(), reason));
    }

    /** Appends an event as a command of its own, at its own instant. */
    History command(TicketEvent event) {
      now = event.occurredAt();
      return add(event);
    }

    private History add(TicketEvent event) {
      events.add(event);
      return this;
    }

    private String nextReplyId() {
      return id + "/reply/" + ++replies;
    }

    List<TicketEvent> events() {
      return List.copyOf(events);
    }

    /** The view after every event so far. */
    TicketView view() {
      return fold(events);
    }

    /** The view after each event: element i is the view at version i. */
    List<TicketView> views() {
      List<TicketView> views = new ArrayList<>();
      views.add(TicketView.opened((TicketOpened) events.get(0)));
      for (TicketEvent event : events.subList(1, events.size())) {
        views.add(views.get(views.size() - 1).apply(event));
      }
      return views;
    }
  }

  /**
   * A long life ending in an approval and an answered survey: every kind of reply, a pause resumed
   * by the agent and one resumed by a customer reply, a priority change, escalations, a rejected
   * resolution and a reopening.
   */
  static History approvedLife() {
    return History.open()
        .customerReply()
        .assign(AGENT, SupportLevel.N1)
        .internalNote()
        .agentReply()
        .pause(PauseReason.AWAITING_CUSTOMER)
        .customerReply()
        .pause(PauseReason.AWAITING_THIRD_PARTY)
        .resume()
        .changePriority("HIGH", "URGENT")
        .escalate(SupportLevel.N1, SupportLevel.N2, 1, EscalationReason.SLA_BREACH)
        .assign(OTHER_AGENT, SupportLevel.N2)
        .resolve(ClosingCategory.ENVIRONMENT_ANALYSIS, "Certificate expired", OTHER_AGENT)
        .reject()
        .agentReply(Role.SUPERVISOR, true)
        .escalate(SupportLevel.N2, SupportLevel.N3, 2, EscalationReason.MANUAL)
        .resolve()
        .approve()
        .answerSurvey(4, "Quick once escalated");
  }

  /** A life ending in an automatic close, reassigned while paused, the survey left unanswered. */
  static History autoClosedLife() {
    return History.open()
        .assign(AGENT, SupportLevel.N1)
        .agentReply()
        .pause(PauseReason.AWAITING_DEVELOPMENT)
        .assign(OTHER_AGENT, SupportLevel.N2)
        .resume()
        .resolve()
        .autoClose();
  }

  /** A life cancelled by the requester while waiting on the customer. */
  static History cancelledLife() {
    return History.open()
        .agentReply()
        .pause(PauseReason.AWAITING_CUSTOMER)
        .cancel("solved it ourselves");
  }
}
