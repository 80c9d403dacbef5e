package io.prazo.command.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.prazo.command.domain.Permissions.Command;
import io.prazo.events.Actor;
import io.prazo.events.ApprovalRequested;
import io.prazo.events.ClosedHow;
import io.prazo.events.ClosingCategory;
import io.prazo.events.EscalationReason;
import io.prazo.events.FirstResponseRecorded;
import io.prazo.events.PauseReason;
import io.prazo.events.PriorityChanged;
import io.prazo.events.ReplyAdded;
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
import io.prazo.events.TicketStatus;
import io.prazo.sla.Contract;
import io.prazo.sla.SlaPolicy;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket's decision state. The {@code decide} methods check a command against the state and
 * return the events it emits, all or none (guard clauses first); {@link #apply} is the only place
 * the state changes. Ids the events carry (reply, approval request, survey) are derived from the
 * ticket id and its history, so deciding is a pure function of state, command and time.
 */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Ticket {
  private String id;
  private String organizationId;
  private String requesterId;
  private TicketStatus status;
  private String priority;
  private SlaTerms sla;
  private SupportLevel level;
  private int escalationLevel;
  private boolean firstResponded;
  private int replies;
  private int resolutionCycle;
  private Set<SlaMetric> escalatedThisCycle = EnumSet.noneOf(SlaMetric.class);
  private String currentApprovalRequestId;
  private String surveyId;
  private boolean surveyAnswered;

  private Ticket() {}

  // ---- opening ----

  /** Decides an OpenTicket: resolves the contract, the policy version and the priority. */
  public static List<TicketEvent> open(
      String ticketId,
      String number,
      NewTicket request,
      Actor actor,
      PolicyCatalog catalog,
      Instant now) {
    Permissions.check(Command.OPEN, actor);
    if (actor.role() == Role.CUSTOMER) {
      if (!request.organizationId().equals(actor.organizationId())) {
        throw new AccessRefusedException("customers open tickets for their own organization");
      }
      if (!request.requester().id().equals(actor.id())) {
        throw new AccessRefusedException("customers open tickets as themselves");
      }
    }
    if (request.subject() == null || request.subject().isBlank()) {
      throw new RuleViolationException("the subject must not be empty");
    }
    Contract contract =
        catalog
            .contractOf(request.organizationId())
            .orElseThrow(
                () ->
                    new RuleViolationException(
                        "unknown organization "
                            + request.organizationId()
                            + ": it has no contract"));
    SlaPolicy policy =
        catalog
            .currentPolicy(contract.policyId())
            .orElseThrow(
                () ->
                    new RuleViolationException(
                        "the contract of "
                            + request.organizationId()
                            + " names unknown policy "
                            + contract.policyId()));
    String priority;
    boolean derived;
    if (request.priority() != null) {
      if (!policy.isOnScale(request.priority())) {
        throw new RuleViolationException(
            "priority "
                + request.priority()
                + " is not on the scale of policy "
                + policy.id()
                + " "
                + scaleOf(policy));
      }
      priority = request.priority();
      derived = false;
    } else {
      priority =
          policy
              .derivePriority(request.severity(), request.impact(), request.urgency())
              .orElseThrow(
                  () ->
                      new RuleViolationException(
                          "give a priority "
                              + scaleOf(policy)
                              + (policy.priorityMatrix().isPresent()
                                  ? ", or severity, impact and urgency"
                                  : "")));
      derived = true;
    }
    Map<String, Integer> calendarVersions = new LinkedHashMap<>();
    for (String calendarId : policy.calendarIds()) {
      int version =
          catalog
              .currentCalendarVersion(calendarId)
              .orElseThrow(
                  () ->
                      new RuleViolationException(
                          "policy " + policy.id() + " names unknown calendar " + calendarId));
      calendarVersions.put(calendarId, version);
    }
    return List.of(
        new TicketOpened(
            ticketId,
            now,
            number,
            request.organizationId(),
            request.requester(),
            request.subject().strip(),
            request.description() == null ? "" : request.description(),
            request.channel(),
            request.product(),
            request.severity() == null ? null : request.severity().name(),
            request.impact() == null ? null : request.impact().name(),
            request.urgency() == null ? null : request.urgency().name(),
            priority,
            derived,
            new SlaTerms(policy.id(), policy.version(), calendarVersions),
            SupportLevel.N1));
  }

  // ---- decisions on an existing ticket ----

  public List<TicketEvent> assign(String assignee, SupportLevel toLevel, Actor actor, Instant now) {
    authorize(Command.ASSIGN, actor);
    refuseWhenFinal("assign");
    return List.of(new TicketAssigned(id, now, assignee, toLevel));
  }

  public List<TicketEvent> reply(String body, boolean isPublic, Actor actor, Instant now) {
    authorize(Command.REPLY, actor);
    refuseWhenFinal("reply to");
    if (body == null || body.isBlank()) {
      throw new RuleViolationException("a reply must not be empty");
    }
    boolean customer = actor.role() == Role.CUSTOMER;
    if (customer && !isPublic) {
      throw new RuleViolationException("customers cannot write internal notes");
    }
    String replyId = id + "/reply/" + (replies + 1);
    ReplyAdded added = new ReplyAdded(id, now, replyId, actor.id(), actor.role(), body, isPublic);
    if (customer && status == TicketStatus.AWAITING) {
      return List.of(added, new TicketResumed(id, now, ResumeTrigger.CUSTOMER_REPLY));
    }
    if (!customer && isPublic && !firstResponded) {
      return List.of(added, new FirstResponseRecorded(id, now, replyId, actor.id()));
    }
    return List.of(added);
  }

  public List<TicketEvent> pause(PauseReason reason, Actor actor, Instant now) {
    authorize(Command.PAUSE, actor);
    if (status == TicketStatus.AWAITING) {
      throw conflict("the ticket is already paused");
    }
    if (status != TicketStatus.OPEN && status != TicketStatus.IN_PROGRESS) {
      throw conflict("only an open or in-progress ticket can be paused");
    }
    return List.of(new TicketPaused(id, now, reason));
  }

  public List<TicketEvent> resume(Actor actor, Instant now) {
    authorize(Command.RESUME, actor);
    if (status != TicketStatus.AWAITING) {
      throw conflict("the ticket is not paused");
    }
    return List.of(new TicketResumed(id, now, ResumeTrigger.AGENT));
  }

  public List<TicketEvent> changePriority(
      String to,
      String reason,
      String agreedWith,
      Actor actor,
      PolicyCatalog catalog,
      Instant now) {
    authorize(Command.CHANGE_PRIORITY, actor);
    refuseWhenFinal("change the priority of");
    if (reason == null || reason.isBlank()) {
      throw new RuleViolationException("a priority change needs a reason");
    }
    if (to.equals(priority)) {
      throw conflict("the ticket already has priority " + to);
    }
    SlaPolicy policy =
        catalog
            .policy(sla.policyId(), sla.policyVersion())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "policy " + sla.policyId() + " v" + sla.policyVersion() + " is missing"));
    if (!policy.isOnScale(to)) {
      throw new RuleViolationException(
          "priority "
              + to
              + " is not on the scale of policy "
              + policy.id()
              + " "
              + scaleOf(policy));
    }
    return List.of(new PriorityChanged(id, now, priority, to, reason, agreedWith));
  }

  public List<TicketEvent> escalate(
      EscalationReason reason, SlaMetric metric, String note, Actor actor, Instant now) {
    authorize(Command.ESCALATE, actor);
    refuseWhenFinal("escalate");
    boolean fits =
        switch (actor.role()) {
          case CUSTOMER -> reason == EscalationReason.CUSTOMER_REQUEST;
          case SUPERVISOR ->
              reason == EscalationReason.MANUAL || reason == EscalationReason.CUSTOMER_REQUEST;
          case SYSTEM -> reason == EscalationReason.SLA_BREACH;
          default -> false;
        };
    if (!fits) {
      throw new AccessRefusedException(
          "a " + actor.role().wireName() + " cannot escalate with reason " + reason);
    }
    if (reason == EscalationReason.SLA_BREACH) {
      if (metric == null) {
        throw new RuleViolationException("an SLA_BREACH escalation names the metric");
      }
      if (escalatedThisCycle.contains(metric)) {
        throw conflict(metric + " was already escalated in this resolution cycle");
      }
    } else if (metric != null) {
      throw new RuleViolationException("only an SLA_BREACH escalation names a metric");
    }
    SupportLevel to =
        level == SupportLevel.N3 ? SupportLevel.N3 : SupportLevel.values()[level.ordinal() + 1];
    return List.of(
        new TicketEscalated(id, now, level, to, escalationLevel + 1, reason, metric, note));
  }

  public List<TicketEvent> resolve(
      ClosingCategory category, String summary, Actor actor, Instant now) {
    authorize(Command.RESOLVE, actor);
    switch (status) {
      case AWAITING -> throw conflict("a paused ticket cannot be resolved; resume it first");
      case RESOLVED -> throw conflict("the ticket is already resolved");
      case CLOSED, CANCELLED -> throw conflict("the ticket is " + status.name().toLowerCase());
      default -> {}
    }
    if (summary == null || summary.isBlank()) {
      throw new RuleViolationException("a resolution needs a summary");
    }
    String approvalRequestId = id + "/approval/" + (resolutionCycle + 1);
    return List.of(
        new TicketResolved(id, now, category, summary, actor.id()),
        new ApprovalRequested(id, now, approvalRequestId));
  }

  public List<TicketEvent> approve(String comment, Actor actor, Instant now) {
    authorize(Command.APPROVE, actor);
    requireAwaitingApproval();
    return List.of(
        new ResolutionApproved(id, now, currentApprovalRequestId, comment),
        new TicketClosed(id, now, ClosedHow.APPROVED),
        new SurveyRequested(id, now, id + "/survey"));
  }

  public List<TicketEvent> reject(String comment, Actor actor, Instant now) {
    authorize(Command.REJECT, actor);
    requireAwaitingApproval();
    return List.of(
        new ResolutionRejected(id, now, currentApprovalRequestId, comment),
        new TicketReopened(id, now));
  }

  public List<TicketEvent> autoClose(String approvalRequestId, Actor actor, Instant now) {
    authorize(Command.AUTO_CLOSE, actor);
    requireAwaitingApproval();
    if (!currentApprovalRequestId.equals(approvalRequestId)) {
      throw conflict(
          "approval request "
              + approvalRequestId
              + " is not the current one ("
              + currentApprovalRequestId
              + ")");
    }
    return List.of(
        new TicketAutoClosed(id, now, approvalRequestId),
        new TicketClosed(id, now, ClosedHow.AUTO_CLOSED),
        new SurveyRequested(id, now, id + "/survey"));
  }

  public List<TicketEvent> answerSurvey(int score, String comment, Actor actor, Instant now) {
    authorize(Command.ANSWER_SURVEY, actor);
    if (surveyId == null) {
      throw conflict("no survey was requested for this ticket");
    }
    if (surveyAnswered) {
      throw conflict("the survey was already answered");
    }
    if (score < 1 || score > 5) {
      throw new RuleViolationException("the score must be from 1 to 5, not " + score);
    }
    return List.of(new SurveyAnswered(id, now, surveyId, score, comment));
  }

  public List<TicketEvent> cancel(String reason, Actor actor, Instant now) {
    authorize(Command.CANCEL, actor);
    if (!actor.id().equals(requesterId)) {
      throw new AccessRefusedException("only the requester may cancel a ticket");
    }
    switch (status) {
      case RESOLVED, CLOSED, CANCELLED ->
          throw conflict("a " + status.name().toLowerCase() + " ticket cannot be cancelled");
      default -> {}
    }
    return List.of(new TicketCancelled(id, now, reason));
  }

  // ---- state changes ----

  /** The state after a ticket's first event. */
  public static Ticket opened(TicketOpened opened) {
    Ticket ticket = new Ticket();
    ticket.id = opened.ticketId();
    ticket.organizationId = opened.organizationId();
    ticket.requesterId = opened.requester().id();
    ticket.status = TicketStatus.OPEN;
    ticket.priority = opened.priority();
    ticket.sla = opened.sla();
    ticket.level = opened.level();
    return ticket;
  }

  /** Changes the state by one event; never refuses. */
  public void apply(TicketEvent event) {
    if (event instanceof TicketAssigned e) {
      level = e.level();
      if (status == TicketStatus.OPEN) {
        status = TicketStatus.IN_PROGRESS;
      }
    } else if (event instanceof ReplyAdded e) {
      replies++;
      if (e.authorRole() != Role.CUSTOMER && e.isPublic() && status == TicketStatus.OPEN) {
        status = TicketStatus.IN_PROGRESS;
      }
    } else if (event instanceof FirstResponseRecorded) {
      firstResponded = true;
    } else if (event instanceof TicketPaused) {
      status = TicketStatus.AWAITING;
    } else if (event instanceof TicketResumed) {
      status = TicketStatus.IN_PROGRESS;
    } else if (event instanceof PriorityChanged e) {
      priority = e.to();
    } else if (event instanceof TicketEscalated e) {
      level = e.toLevel();
      escalationLevel = e.escalationLevel();
      if (e.metric() != null) {
        escalatedThisCycle.add(e.metric());
      }
    } else if (event instanceof TicketResolved) {
      status = TicketStatus.RESOLVED;
    } else if (event instanceof ApprovalRequested e) {
      resolutionCycle++;
      currentApprovalRequestId = e.approvalRequestId();
    } else if (event instanceof TicketReopened) {
      status = TicketStatus.IN_PROGRESS;
      currentApprovalRequestId = null;
      escalatedThisCycle = EnumSet.noneOf(SlaMetric.class);
    } else if (event instanceof TicketClosed) {
      status = TicketStatus.CLOSED;
      currentApprovalRequestId = null;
    } else if (event instanceof SurveyRequested e) {
      surveyId = e.surveyId();
    } else if (event instanceof SurveyAnswered) {
      surveyAnswered = true;
    } else if (event instanceof TicketCancelled) {
      status = TicketStatus.CANCELLED;
    }
    // TicketOpened starts a stream (see opened); ResolutionApproved, ResolutionRejected and
    // TicketAutoClosed change nothing the decisions read: the events after them do.
  }

  public String id() {
    return id;
  }

  public TicketStatus status() {
    return status;
  }

  public String priority() {
    return priority;
  }

  public SupportLevel level() {
    return level;
  }

  public int escalationLevel() {
    return escalationLevel;
  }

  public Optional<String> currentApprovalRequestId() {
    return Optional.ofNullable(currentApprovalRequestId);
  }

  // ---- guards ----

  private void authorize(Command command, Actor actor) {
    Permissions.check(command, actor);
    if (actor.role() == Role.CUSTOMER && !organizationId.equals(actor.organizationId())) {
      throw new TicketNotFoundException(id);
    }
  }

  private void refuseWhenFinal(String what) {
    if (status == TicketStatus.CLOSED || status == TicketStatus.CANCELLED) {
      throw conflict("cannot " + what + " a " + status.name().toLowerCase() + " ticket");
    }
  }

  private void requireAwaitingApproval() {
    if (status != TicketStatus.RESOLVED || currentApprovalRequestId == null) {
      throw conflict("the ticket is not awaiting approval");
    }
  }

  private TicketStateConflictException conflict(String message) {
    return new TicketStateConflictException(message, status);
  }

  private static String scaleOf(SlaPolicy policy) {
    return policy.priorities().stream().map(p -> p.id()).toList().toString();
  }
}
