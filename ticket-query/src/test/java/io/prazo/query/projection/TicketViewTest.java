package io.prazo.query.projection;

import static io.prazo.query.projection.TicketViewFixture.AGENT;
import static io.prazo.query.projection.TicketViewFixture.OPENED_AT;
import static io.prazo.query.projection.TicketViewFixture.OTHER_AGENT;
import static io.prazo.query.projection.TicketViewFixture.REQUESTER;
import static io.prazo.query.projection.TicketViewFixture.TERMS;
import static io.prazo.query.projection.TicketViewFixture.TICKET;
import static io.prazo.query.projection.TicketViewFixture.approvedLife;
import static io.prazo.query.projection.TicketViewFixture.autoClosedLife;
import static io.prazo.query.projection.TicketViewFixture.cancelledLife;
import static io.prazo.query.projection.TicketViewFixture.fold;
import static io.prazo.query.projection.TicketViewFixture.foldSla;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.command.domain.Ticket;
import io.prazo.events.ApprovalRequested;
import io.prazo.events.Channel;
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
import io.prazo.query.projection.TicketViewFixture.History;
import io.prazo.sla.TicketSla;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The view's fold, one event at a time: a table with at least one case per event type says which
 * fields each event changes and to what; every other field of the view must stay as it was.
 */
class TicketViewTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One event applied to the view of a history. {@code changes} names every field of the view's
   * JSON the event changes besides version and updatedAt (checked for every case); {@code expect}
   * checks the new values.
   */
  record Case(
      String name,
      History given,
      TicketEvent event,
      Set<String> changes,
      BiConsumer<TicketView, TicketView> expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case of(
      String name,
      History given,
      TicketEvent event,
      Set<String> changes,
      BiConsumer<TicketView, TicketView> expect) {
    return new Case(name, given, event, changes, expect);
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    History h;

    h = History.open();
    cases.add(
        of(
            "TicketAssigned moves OPEN to IN_PROGRESS",
            h,
            new TicketAssigned(TICKET, h.next(), AGENT, SupportLevel.N2),
            Set.of("assignee", "level", "status"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS);
              assertThat(after.assignee()).isEqualTo(AGENT);
              assertThat(after.level()).isEqualTo(SupportLevel.N2);
            }));

    h = History.open().pause(PauseReason.AWAITING_CUSTOMER);
    cases.add(
        of(
            "TicketAssigned keeps an AWAITING ticket AWAITING",
            h,
            new TicketAssigned(TICKET, h.next(), AGENT, SupportLevel.N2),
            Set.of("assignee", "level"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.AWAITING);
              assertThat(after.pauseReason()).isEqualTo(PauseReason.AWAITING_CUSTOMER);
              assertThat(after.assignee()).isEqualTo(AGENT);
              assertThat(after.level()).isEqualTo(SupportLevel.N2);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1);
    cases.add(
        of(
            "TicketAssigned to another agent of the same level changes only the assignee",
            h,
            new TicketAssigned(TICKET, h.next(), OTHER_AGENT, SupportLevel.N1),
            Set.of("assignee"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS);
              assertThat(after.assignee()).isEqualTo(OTHER_AGENT);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve();
    cases.add(
        of(
            "TicketAssigned keeps a RESOLVED ticket RESOLVED",
            h,
            new TicketAssigned(TICKET, h.next(), OTHER_AGENT, SupportLevel.N3),
            Set.of("assignee", "level"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.RESOLVED);
              assertThat(after.assignee()).isEqualTo(OTHER_AGENT);
              assertThat(after.level()).isEqualTo(SupportLevel.N3);
            }));

    h = History.open();
    cases.add(
        of(
            "ReplyAdded by the customer keeps an OPEN ticket OPEN",
            h,
            reply(h, Role.CUSTOMER, true),
            Set.of("publicReplies"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.OPEN);
              assertThat(after.publicReplies()).isEqualTo(1);
              assertThat(after.internalNotes()).isZero();
            }));

    h = History.open();
    cases.add(
        of(
            "ReplyAdded public by an agent moves OPEN to IN_PROGRESS",
            h,
            reply(h, Role.AGENT, true),
            Set.of("publicReplies", "status"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS);
              assertThat(after.publicReplies()).isEqualTo(1);
            }));

    h = History.open();
    cases.add(
        of(
            "ReplyAdded public by a supervisor moves OPEN to IN_PROGRESS",
            h,
            reply(h, Role.SUPERVISOR, true),
            Set.of("publicReplies", "status"),
            (before, after) -> assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS)));

    h = History.open();
    cases.add(
        of(
            "ReplyAdded private by an agent counts a note and keeps OPEN",
            h,
            reply(h, Role.AGENT, false),
            Set.of("internalNotes"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.OPEN);
              assertThat(after.internalNotes()).isEqualTo(1);
              assertThat(after.publicReplies()).isZero();
            }));

    h = History.open().agentReply().internalNote().pause(PauseReason.AWAITING_THIRD_PARTY);
    cases.add(
        of(
            "ReplyAdded public by an agent keeps an AWAITING ticket AWAITING",
            h,
            reply(h, Role.AGENT, true),
            Set.of("publicReplies"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.AWAITING);
              assertThat(after.publicReplies()).isEqualTo(2);
              assertThat(after.internalNotes()).isEqualTo(1);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).internalNote();
    cases.add(
        of(
            "ReplyAdded private by an agent adds to the notes of an IN_PROGRESS ticket",
            h,
            reply(h, Role.AGENT, false),
            Set.of("internalNotes"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS);
              assertThat(after.internalNotes()).isEqualTo(2);
            }));

    h = History.open();
    TicketEvent reply = reply(h, Role.AGENT, true);
    h.command(reply);
    cases.add(
        of(
            "FirstResponseRecorded sets firstResponseAt",
            h,
            new FirstResponseRecorded(TICKET, h.now(), TICKET + "/reply/x", AGENT),
            Set.of("firstResponseAt"),
            (before, after) -> assertThat(after.firstResponseAt()).isEqualTo(reply.occurredAt())));

    h = History.open().assign(AGENT, SupportLevel.N1);
    cases.add(
        of(
            "TicketPaused moves IN_PROGRESS to AWAITING with the reason",
            h,
            new TicketPaused(TICKET, h.next(), PauseReason.AWAITING_DEVELOPMENT),
            Set.of("status", "pauseReason"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.AWAITING);
              assertThat(after.pauseReason()).isEqualTo(PauseReason.AWAITING_DEVELOPMENT);
            }));

    h = History.open();
    cases.add(
        of(
            "TicketPaused moves OPEN to AWAITING",
            h,
            new TicketPaused(TICKET, h.next(), PauseReason.AWAITING_CUSTOMER),
            Set.of("status", "pauseReason"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.AWAITING);
              assertThat(after.pauseReason()).isEqualTo(PauseReason.AWAITING_CUSTOMER);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).pause(PauseReason.AWAITING_THIRD_PARTY);
    cases.add(
        of(
            "TicketResumed by the agent moves AWAITING to IN_PROGRESS and clears the reason",
            h,
            new TicketResumed(TICKET, h.next(), ResumeTrigger.AGENT),
            Set.of("status", "pauseReason"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS);
              assertThat(after.pauseReason()).isNull();
            }));

    h = History.open().pause(PauseReason.AWAITING_CUSTOMER);
    h.command(reply(h, Role.CUSTOMER, true));
    cases.add(
        of(
            "TicketResumed by a customer reply moves a ticket paused while OPEN to IN_PROGRESS",
            h,
            new TicketResumed(TICKET, h.now(), ResumeTrigger.CUSTOMER_REPLY),
            Set.of("status", "pauseReason"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS);
              assertThat(after.pauseReason()).isNull();
              assertThat(after.publicReplies()).isEqualTo(1);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1);
    cases.add(
        of(
            "PriorityChanged sets the priority and keeps priorityDerived",
            h,
            new PriorityChanged(TICKET, h.next(), "HIGH", "URGENT", "outage", REQUESTER.id()),
            Set.of("priority"),
            (before, after) -> {
              assertThat(after.priority()).isEqualTo("URGENT");
              assertThat(after.priorityDerived()).isTrue();
              assertThat(after.sla().priority()).isEqualTo("URGENT");
            }));

    h = History.open().assign(AGENT, SupportLevel.N1);
    cases.add(
        of(
            "TicketEscalated sets the level and the escalation level",
            h,
            new TicketEscalated(
                TICKET,
                h.next(),
                SupportLevel.N1,
                SupportLevel.N2,
                1,
                EscalationReason.SLA_BREACH,
                SlaMetric.FIRST_RESPONSE,
                null),
            Set.of("level", "escalationLevel"),
            (before, after) -> {
              assertThat(after.level()).isEqualTo(SupportLevel.N2);
              assertThat(after.escalationLevel()).isEqualTo(1);
              assertThat(after.assignee()).isEqualTo(AGENT);
            }));

    h =
        History.open()
            .assign(AGENT, SupportLevel.N1)
            .escalate(SupportLevel.N1, SupportLevel.N2, 1, EscalationReason.MANUAL);
    cases.add(
        of(
            "TicketEscalated a second time raises the escalation level",
            h,
            new TicketEscalated(
                TICKET,
                h.next(),
                SupportLevel.N2,
                SupportLevel.N3,
                2,
                EscalationReason.CUSTOMER_REQUEST,
                null,
                "customer asked"),
            Set.of("level", "escalationLevel"),
            (before, after) -> {
              assertThat(after.level()).isEqualTo(SupportLevel.N3);
              assertThat(after.escalationLevel()).isEqualTo(2);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).agentReply();
    Instant resolvedAt = h.next();
    cases.add(
        of(
            "TicketResolved moves IN_PROGRESS to RESOLVED with category, summary, who and when",
            h,
            new TicketResolved(
                TICKET, resolvedAt, ClosingCategory.THIRD_PARTY, "SEFAZ was down", AGENT),
            Set.of("status", "category", "resolutionSummary", "resolvedBy", "resolvedAt"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.RESOLVED);
              assertThat(after.category()).isEqualTo(ClosingCategory.THIRD_PARTY);
              assertThat(after.resolutionSummary()).isEqualTo("SEFAZ was down");
              assertThat(after.resolvedBy()).isEqualTo(AGENT);
              assertThat(after.resolvedAt()).isEqualTo(resolvedAt);
              assertThat(after.approvalRequestId()).isNull();
            }));

    h = History.open().assign(AGENT, SupportLevel.N1);
    h.command(new TicketResolved(TICKET, h.next(), ClosingCategory.COURTESY, "Done", AGENT));
    cases.add(
        of(
            "ApprovalRequested counts a resolution cycle and sets the request id",
            h,
            new ApprovalRequested(TICKET, h.now(), TICKET + "/approval/1"),
            Set.of("resolutionCycles", "approvalRequestId"),
            (before, after) -> {
              assertThat(after.resolutionCycles()).isEqualTo(1);
              assertThat(after.approvalRequestId()).isEqualTo(TICKET + "/approval/1");
              assertThat(after.status()).isEqualTo(TicketStatus.RESOLVED);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve();
    cases.add(
        of(
            "ResolutionApproved clears the approval request and keeps RESOLVED",
            h,
            new ResolutionApproved(TICKET, h.next(), h.approval(), "ok"),
            Set.of("approvalRequestId"),
            (before, after) -> {
              assertThat(before.approvalRequestId()).isNotNull();
              assertThat(after.approvalRequestId()).isNull();
              assertThat(after.status()).isEqualTo(TicketStatus.RESOLVED);
              assertThat(after.resolutionCycles()).isEqualTo(1);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve();
    cases.add(
        of(
            "ResolutionRejected clears the approval request and keeps RESOLVED until reopened",
            h,
            new ResolutionRejected(TICKET, h.next(), h.approval(), "no"),
            Set.of("approvalRequestId"),
            (before, after) -> {
              assertThat(after.approvalRequestId()).isNull();
              assertThat(after.status()).isEqualTo(TicketStatus.RESOLVED);
              assertThat(after.category()).isEqualTo(ClosingCategory.PRODUCT_ERROR);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve();
    h.command(new ResolutionRejected(TICKET, h.next(), h.approval(), "no"));
    cases.add(
        of(
            "TicketReopened moves RESOLVED to IN_PROGRESS and clears the resolution",
            h,
            new TicketReopened(TICKET, h.now()),
            Set.of("status", "category", "resolutionSummary", "resolvedBy", "resolvedAt"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS);
              assertThat(after.category()).isNull();
              assertThat(after.resolutionSummary()).isNull();
              assertThat(after.resolvedBy()).isNull();
              assertThat(after.resolvedAt()).isNull();
              assertThat(after.resolutionCycles()).isEqualTo(1);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve();
    cases.add(
        of(
            "TicketReopened right after the resolution also clears the approval request",
            h,
            new TicketReopened(TICKET, h.next()),
            Set.of(
                "status",
                "category",
                "resolutionSummary",
                "resolvedBy",
                "resolvedAt",
                "approvalRequestId"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS);
              assertThat(after.approvalRequestId()).isNull();
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve();
    cases.add(
        of(
            "TicketAutoClosed clears the approval request",
            h,
            new TicketAutoClosed(TICKET, h.next(), h.approval()),
            Set.of("approvalRequestId"),
            (before, after) -> {
              assertThat(after.approvalRequestId()).isNull();
              assertThat(after.status()).isEqualTo(TicketStatus.RESOLVED);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve();
    h.command(new ResolutionApproved(TICKET, h.next(), h.approval(), null));
    cases.add(
        of(
            "TicketClosed after an approval closes the ticket, keeping the resolution",
            h,
            new TicketClosed(TICKET, h.now(), ClosedHow.APPROVED),
            Set.of("status", "closedAt", "closedHow"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.CLOSED);
              assertThat(after.closedAt()).isEqualTo(before.updatedAt());
              assertThat(after.closedHow()).isEqualTo(ClosedHow.APPROVED);
              assertThat(after.category()).isEqualTo(ClosingCategory.PRODUCT_ERROR);
              assertThat(after.resolvedAt()).isNotNull();
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve();
    h.command(new TicketAutoClosed(TICKET, h.next(), h.approval()));
    Instant autoClosedAt = h.now();
    cases.add(
        of(
            "TicketClosed after an automatic close says so",
            h,
            new TicketClosed(TICKET, autoClosedAt, ClosedHow.AUTO_CLOSED),
            Set.of("status", "closedAt", "closedHow"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.CLOSED);
              assertThat(after.closedAt()).isEqualTo(autoClosedAt);
              assertThat(after.closedHow()).isEqualTo(ClosedHow.AUTO_CLOSED);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve();
    cases.add(
        of(
            "TicketClosed clears an approval request still pending",
            h,
            new TicketClosed(TICKET, h.next(), ClosedHow.APPROVED),
            Set.of("status", "closedAt", "closedHow", "approvalRequestId"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.CLOSED);
              assertThat(after.approvalRequestId()).isNull();
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve();
    h.command(new ResolutionApproved(TICKET, h.next(), h.approval(), null));
    h.command(new TicketClosed(TICKET, h.now(), ClosedHow.APPROVED));
    Instant closedAt = h.now();
    cases.add(
        of(
            "SurveyRequested sets surveyRequestedAt",
            h,
            new SurveyRequested(TICKET, closedAt, TICKET + "/survey"),
            Set.of("surveyRequestedAt"),
            (before, after) -> {
              assertThat(after.surveyRequestedAt()).isEqualTo(closedAt);
              assertThat(after.surveyScore()).isNull();
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve().approve();
    Instant answeredAt = h.next();
    cases.add(
        of(
            "SurveyAnswered sets score, comment and when",
            h,
            new SurveyAnswered(TICKET, answeredAt, TICKET + "/survey", 5, "Great"),
            Set.of("surveyScore", "surveyComment", "surveyAnsweredAt"),
            (before, after) -> {
              assertThat(after.surveyScore()).isEqualTo(5);
              assertThat(after.surveyComment()).isEqualTo("Great");
              assertThat(after.surveyAnsweredAt()).isEqualTo(answeredAt);
              assertThat(after.status()).isEqualTo(TicketStatus.CLOSED);
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).resolve().autoClose();
    cases.add(
        of(
            "SurveyAnswered without a comment leaves the comment out",
            h,
            new SurveyAnswered(TICKET, h.next(), TICKET + "/survey", 1, null),
            Set.of("surveyScore", "surveyAnsweredAt"),
            (before, after) -> {
              assertThat(after.surveyScore()).isEqualTo(1);
              assertThat(after.surveyComment()).isNull();
            }));

    h = History.open();
    Instant cancelledAt = h.next();
    cases.add(
        of(
            "TicketCancelled moves OPEN to CANCELLED with when and why",
            h,
            new TicketCancelled(TICKET, cancelledAt, "duplicate"),
            Set.of("status", "cancelledAt", "cancelReason"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.CANCELLED);
              assertThat(after.cancelledAt()).isEqualTo(cancelledAt);
              assertThat(after.cancelReason()).isEqualTo("duplicate");
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).pause(PauseReason.AWAITING_CUSTOMER);
    cases.add(
        of(
            "TicketCancelled while AWAITING clears the pause reason",
            h,
            new TicketCancelled(TICKET, h.next(), "gave up"),
            Set.of("status", "cancelledAt", "cancelReason", "pauseReason"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.CANCELLED);
              assertThat(after.pauseReason()).isNull();
            }));

    h = History.open().assign(AGENT, SupportLevel.N1).agentReply();
    cases.add(
        of(
            "TicketCancelled without a reason leaves the reason out",
            h,
            new TicketCancelled(TICKET, h.next(), null),
            Set.of("status", "cancelledAt"),
            (before, after) -> {
              assertThat(after.status()).isEqualTo(TicketStatus.CANCELLED);
              assertThat(after.cancelReason()).isNull();
            }));
    return cases;
  }

  private static ReplyAdded reply(History h, Role role, boolean isPublic) {
    String author = role == Role.CUSTOMER ? REQUESTER.id() : AGENT;
    return new ReplyAdded(TICKET, h.next(), TICKET + "/reply/x", author, role, "text", isPublic);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesOneEvent(Case c) {
    TicketView before = c.given().view();
    String beforeJson = before.toJson();
    TicketSla beforeSla = before.sla();

    TicketView after = before.apply(c.event());

    assertThat(after).isNotSameAs(before);
    assertThat(before.toJson()).as("the old view is unchanged").isEqualTo(beforeJson);
    assertThat(before.sla()).isSameAs(beforeSla);
    assertThat(before.sla().version()).isEqualTo(before.version() + 1);

    assertThat(after.version())
        .as("version is the sequence number of the last event")
        .isEqualTo(before.version() + 1)
        .isEqualTo(c.given().events().size());
    assertThat(after.updatedAt()).isEqualTo(c.event().occurredAt());
    assertThat(after.sla().lastEventAt()).isEqualTo(after.updatedAt());
    assertThat(after.sla().version()).as("the SLA fold advanced").isEqualTo(after.version() + 1);
    List<TicketEvent> all = new ArrayList<>(c.given().events());
    all.add(c.event());
    assertThat(after.sla()).isEqualTo(foldSla(all));

    assertThat(changedFields(before, after))
        .as("fields changed besides version and updatedAt")
        .containsExactlyInAnyOrderElementsOf(c.changes());
    c.expect().accept(before, after);
  }

  @Test
  void everyEventTypeHasACase() {
    Set<String> covered =
        Stream.concat(
                cases().stream().map(c -> c.event().getClass()),
                Stream.of(TicketOpened.class)) // openedTakesEveryFieldFromTheEvent
            .map(Class::getSimpleName)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> all =
        Arrays.stream(TicketEvent.class.getPermittedSubclasses())
            .map(Class::getSimpleName)
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(all).hasSize(18);
    assertThat(covered).isEqualTo(all);
  }

  @Test
  void openedTakesEveryFieldFromTheEvent() {
    TicketOpened opened = TicketViewFixture.opened();

    TicketView view = TicketView.opened(opened);

    assertThat(view.ticketId()).isEqualTo(TICKET);
    assertThat(view.number()).isEqualTo("TCK-000001");
    assertThat(view.organizationId()).isEqualTo("acme");
    assertThat(view.requester()).isEqualTo(REQUESTER);
    assertThat(view.subject()).isEqualTo("NF-e rejected");
    assertThat(view.description()).isEqualTo("Invoices are rejected since this morning");
    assertThat(view.channel()).isEqualTo(Channel.PORTAL);
    assertThat(view.product()).isEqualTo("fiscal");
    assertThat(view.severity()).isEqualTo("S2");
    assertThat(view.impact()).isEqualTo("HIGH");
    assertThat(view.urgency()).isEqualTo("MEDIUM");
    assertThat(view.priority()).isEqualTo("HIGH");
    assertThat(view.priorityDerived()).isTrue();
    assertThat(view.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(view.level()).isEqualTo(SupportLevel.N1);
    assertThat(view.createdAt()).isEqualTo(OPENED_AT);
    assertThat(view.updatedAt()).isEqualTo(OPENED_AT);
    assertThat(view.version()).isZero();
    assertThat(view.escalationLevel()).isZero();
    assertThat(view.publicReplies()).isZero();
    assertThat(view.internalNotes()).isZero();
    assertThat(view.resolutionCycles()).isZero();
    assertThat(view.pauseReason()).isNull();
    assertThat(view.assignee()).isNull();
    assertThat(view.firstResponseAt()).isNull();
    assertThat(view.category()).isNull();
    assertThat(view.resolutionSummary()).isNull();
    assertThat(view.resolvedBy()).isNull();
    assertThat(view.resolvedAt()).isNull();
    assertThat(view.approvalRequestId()).isNull();
    assertThat(view.closedAt()).isNull();
    assertThat(view.closedHow()).isNull();
    assertThat(view.cancelledAt()).isNull();
    assertThat(view.cancelReason()).isNull();
    assertThat(view.surveyRequestedAt()).isNull();
    assertThat(view.surveyScore()).isNull();
    assertThat(view.surveyComment()).isNull();
    assertThat(view.surveyAnsweredAt()).isNull();
    assertThat(view.sla()).isEqualTo(TicketSla.opened(opened));
    assertThat(view.sla().version()).isEqualTo(1);
    assertThat(view.sla().terms()).isEqualTo(TERMS);
    assertThat(view.sla().priority()).isEqualTo("HIGH");
  }

  @Test
  void applyLeavesTheOldViewUnchangedAndBranchesIndependently() {
    History h = History.open().assign(AGENT, SupportLevel.N1).pause(PauseReason.AWAITING_CUSTOMER);
    TicketView paused = h.view();
    String pausedJson = paused.toJson();

    TicketView resumed = paused.apply(new TicketResumed(TICKET, h.next(), ResumeTrigger.AGENT));
    TicketView cancelled = paused.apply(new TicketCancelled(TICKET, h.next(), "bye"));

    assertThat(paused.toJson()).isEqualTo(pausedJson);
    assertThat(paused.status()).isEqualTo(TicketStatus.AWAITING);
    assertThat(paused.pauseReason()).isEqualTo(PauseReason.AWAITING_CUSTOMER);
    assertThat(paused.version()).isEqualTo(2);
    assertThat(paused.sla().version()).isEqualTo(3);
    assertThat(resumed.status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(cancelled.status()).isEqualTo(TicketStatus.CANCELLED);
    assertThat(resumed.cancelReason()).isNull();
    assertThat(cancelled.pauseReason()).isNull();
    assertThat(resumed.version()).isEqualTo(3).isEqualTo(cancelled.version());
  }

  @Test
  void anEventStampedBeforeTheLastOneDoesNotMoveUpdatedAtBack() {
    History h = History.open().assign(AGENT, SupportLevel.N1);
    TicketView assigned = h.view();
    Instant earlier = h.now().minusSeconds(30);

    TicketView paused =
        assigned.apply(new TicketPaused(TICKET, earlier, PauseReason.AWAITING_CUSTOMER));

    assertThat(paused.updatedAt()).isEqualTo(assigned.updatedAt()).isEqualTo(h.now());
    assertThat(paused.status()).isEqualTo(TicketStatus.AWAITING);
    assertThat(paused.version()).isEqualTo(2);
    assertThat(paused.sla().lastEventAt()).isEqualTo(paused.updatedAt());
  }

  static Stream<History> lives() {
    return Stream.of(approvedLife(), autoClosedLife(), cancelledLife());
  }

  @ParameterizedTest
  @MethodSource("lives")
  void versionIsTheSequenceNumberOfTheLastEventAndTheSlaFoldKeepsPace(History life) {
    List<TicketEvent> events = life.events();
    List<TicketView> views = life.views();

    for (int i = 0; i < views.size(); i++) {
      TicketView view = views.get(i);
      assertThat(view.version()).isEqualTo(i);
      assertThat(view.updatedAt()).isEqualTo(events.get(i).occurredAt());
      assertThat(view.createdAt()).isEqualTo(OPENED_AT);
      assertThat(view.sla()).isEqualTo(foldSla(events.subList(0, i + 1)));
      assertThat(view.sla().version()).isEqualTo(i + 1);
    }
  }

  @ParameterizedTest
  @MethodSource("lives")
  void statusPriorityAndLevelFollowTheCommandSideAfterEveryEvent(History life) {
    Iterator<TicketEvent> events = life.events().iterator();
    TicketOpened opened = (TicketOpened) events.next();
    TicketView view = TicketView.opened(opened);
    Ticket ticket = Ticket.opened(opened);
    assertSameState(view, ticket, opened);
    while (events.hasNext()) {
      TicketEvent event = events.next();
      view = view.apply(event);
      ticket.apply(event);
      assertSameState(view, ticket, event);
    }
  }

  private static void assertSameState(TicketView view, Ticket ticket, TicketEvent after) {
    String when = "after " + after;
    assertThat(view.status()).as(when).isEqualTo(ticket.status());
    assertThat(view.priority()).as(when).isEqualTo(ticket.priority());
    assertThat(view.level()).as(when).isEqualTo(ticket.level());
    assertThat(view.escalationLevel()).as(when).isEqualTo(ticket.escalationLevel());
  }

  @Test
  void aLongLifeEndsWithEveryFieldItTouched() {
    History life = approvedLife();

    TicketView view = life.view();

    assertThat(view.version()).isEqualTo(life.events().size() - 1);
    assertThat(view.status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(view.closedHow()).isEqualTo(ClosedHow.APPROVED);
    assertThat(view.closedAt()).isEqualTo(view.resolvedAt().plus(TicketViewFixture.STEP));
    assertThat(view.assignee()).isEqualTo(OTHER_AGENT);
    assertThat(view.level()).isEqualTo(SupportLevel.N3);
    assertThat(view.escalationLevel()).isEqualTo(2);
    assertThat(view.priority()).isEqualTo("URGENT");
    assertThat(view.publicReplies()).isEqualTo(4);
    assertThat(view.internalNotes()).isEqualTo(1);
    assertThat(view.pauseReason()).isNull();
    assertThat(view.firstResponseAt())
        .isEqualTo(OPENED_AT.plus(TicketViewFixture.STEP.multipliedBy(4)));
    assertThat(view.resolutionCycles()).isEqualTo(2);
    assertThat(view.category())
        .as("the second resolution's")
        .isEqualTo(ClosingCategory.PRODUCT_ERROR);
    assertThat(view.resolvedBy()).isEqualTo(AGENT);
    assertThat(view.approvalRequestId()).isNull();
    assertThat(view.surveyRequestedAt()).isEqualTo(view.closedAt());
    assertThat(view.surveyScore()).isEqualTo(4);
    assertThat(view.surveyComment()).isEqualTo("Quick once escalated");
    assertThat(view.surveyAnsweredAt()).isEqualTo(life.now());
    assertThat(view.cancelledAt()).isNull();
  }

  // ---- JSON ----

  @Test
  void theLivesUsedForJsonHoldEveryEventType() {
    Set<Class<?>> seen =
        lives()
            .flatMap(life -> life.events().stream())
            .map(Object::getClass)
            .collect(Collectors.toSet());

    assertThat(seen).containsExactlyInAnyOrder(TicketEvent.class.getPermittedSubclasses());
  }

  @ParameterizedTest
  @MethodSource("lives")
  void jsonRoundTripIsByteIdenticalAfterEveryEvent(History life) {
    for (TicketView view : life.views()) {
      String json = view.toJson();

      TicketView read = TicketView.fromJson(json, view.sla());

      assertThat(read.toJson()).isEqualTo(json);
      assertThat(read.sla()).isSameAs(view.sla());
      assertThat(read.version()).isEqualTo(view.version());
      assertThat(read.status()).isEqualTo(view.status());
      assertThat(read.requester()).isEqualTo(view.requester());
      assertThat(read.updatedAt()).isEqualTo(view.updatedAt());
      assertThat(read.surveyScore()).isEqualTo(view.surveyScore());
    }
  }

  @Test
  void aViewReadFromJsonFoldsOnLikeTheOriginal() {
    History life = approvedLife();
    List<TicketEvent> events = life.events();
    int middle = events.size() / 2;
    TicketView half = fold(events.subList(0, middle));
    TicketView resumed =
        TicketView.fromJson(half.toJson(), TicketSla.fromJson(half.sla().toJson()));

    for (TicketEvent event : events.subList(middle, events.size())) {
      resumed = resumed.apply(event);
    }

    assertThat(resumed.toJson()).isEqualTo(life.view().toJson());
    assertThat(resumed.sla()).isEqualTo(life.view().sla());
  }

  @ParameterizedTest
  @MethodSource("lives")
  void toJsonIsDeterministic(History life) {
    assertThat(fold(life.events()).toJson()).isEqualTo(fold(life.events()).toJson());
  }

  @Test
  void toJsonLeavesNullFieldsOutAndTheSlaStateToo() throws JsonProcessingException {
    TicketView opened = History.open().view();
    TicketView closed = approvedLife().view();

    JsonNode openedJson = JSON.readTree(opened.toJson());
    JsonNode closedJson = JSON.readTree(closed.toJson());

    assertThat(fieldNames(openedJson))
        .doesNotContain(
            "sla",
            "pauseReason",
            "assignee",
            "firstResponseAt",
            "category",
            "resolutionSummary",
            "resolvedBy",
            "resolvedAt",
            "approvalRequestId",
            "cancelReason",
            "cancelledAt",
            "closedAt",
            "closedHow",
            "surveyRequestedAt",
            "surveyScore",
            "surveyComment",
            "surveyAnsweredAt")
        .contains("ticketId", "status", "version", "createdAt", "updatedAt", "requester");
    assertThat(fieldNames(closedJson))
        .doesNotContain("sla", "pauseReason", "approvalRequestId", "cancelReason", "cancelledAt")
        .contains("closedAt", "closedHow", "surveyScore", "resolvedAt");
    assertThat(openedJson.properties()).noneMatch(field -> field.getValue().isNull());
    assertThat(closedJson.properties()).noneMatch(field -> field.getValue().isNull());
  }

  @Test
  void aViewWithoutTheOptionalFieldsRoundTripsAndLeavesThemOut() throws JsonProcessingException {
    History life =
        History.open(TicketViewFixture.openedWithoutOptionalFields())
            .assign(AGENT, SupportLevel.N1)
            .resolve()
            .approve();

    for (TicketView view : life.views()) {
      String json = view.toJson();
      assertThat(TicketView.fromJson(json, view.sla()).toJson()).isEqualTo(json);
      assertThat(fieldNames(JSON.readTree(json)))
          .doesNotContain("product", "severity", "impact", "urgency");
    }
    TicketView read = TicketView.fromJson(life.view().toJson(), life.view().sla());
    assertThat(read.requester().email()).isNull();
    assertThat(read.product()).isNull();
    assertThat(read.description()).isEmpty();
  }

  @Test
  void toJsonLeavesOutTheNullFieldsOfTheRequesterToo() {
    TicketView view = TicketView.opened(TicketViewFixture.openedWithoutOptionalFields());

    assertThat(view.toJson()).doesNotContain("null");
  }

  // ---- helpers ----

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The names of the view's JSON fields that differ, version and updatedAt excepted. */
  private static Set<String> changedFields(TicketView before, TicketView after) {
    try {
      JsonNode a = JSON.readTree(before.toJson());
      JsonNode b = JSON.readTree(after.toJson());
      Set<String> names = fieldNames(a);
      names.addAll(fieldNames(b));
      names.removeIf(name -> a.path(name).equals(b.path(name)));
      names.remove("version");
      names.remove("updatedAt");
      return names;
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
