package io.prazo.command.aggregate;

import static io.prazo.command.domain.TicketFixture.*;

import io.prazo.command.api.AddReplyCommand;
import io.prazo.command.api.AnswerApprovalCommand;
import io.prazo.command.api.AnswerSurveyCommand;
import io.prazo.command.api.AssignTicketCommand;
import io.prazo.command.api.AutoCloseTicketCommand;
import io.prazo.command.api.CancelTicketCommand;
import io.prazo.command.api.ChangePriorityCommand;
import io.prazo.command.api.CommandAck;
import io.prazo.command.api.EscalateTicketCommand;
import io.prazo.command.api.OpenTicketCommand;
import io.prazo.command.api.PauseTicketCommand;
import io.prazo.command.api.ResolveTicketCommand;
import io.prazo.command.api.ResumeTicketCommand;
import io.prazo.command.api.TicketOpenedAck;
import io.prazo.command.domain.AccessRefusedException;
import io.prazo.command.domain.InMemoryPolicyCatalog;
import io.prazo.command.domain.NewTicket;
import io.prazo.command.domain.RuleViolationException;
import io.prazo.command.domain.TicketNotFoundException;
import io.prazo.command.domain.TicketStateConflictException;
import io.prazo.events.ApprovalRequested;
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
import io.prazo.events.TicketOpened;
import io.prazo.events.TicketPaused;
import io.prazo.events.TicketReopened;
import io.prazo.events.TicketResolved;
import io.prazo.events.TicketResumed;
import io.prazo.sla.Impact;
import io.prazo.sla.Severity;
import io.prazo.sla.Urgency;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TicketAggregateTest {
  private AggregateTestFixture<TicketAggregate> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(TicketAggregate.class);
    fixture.registerInjectableResource(
        InMemoryPolicyCatalog.withPresets()
            .contract(ORG, "pronnus")
            .contract("shop", "presence")
            .contract("plain", "standard"));
    fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Nested
  class Opening {
    @Test
    void opensWithThePolicyVersionAndItsCalendarVersions() {
      fixture
          .givenNoPriorActivity()
          .when(new OpenTicketCommand(TICKET, "TCK-000001", CUSTOMER, request("HIGH")))
          .expectSuccessfulHandlerExecution()
          .expectResultMessagePayload(
              new TicketOpenedAck(TICKET, 0, "TCK-000001", "HIGH", "pronnus", 1))
          .expectEvents(
              new TicketOpened(
                  TICKET,
                  NOW,
                  "TCK-000001",
                  ORG,
                  new Requester(CUSTOMER.id(), "Ana", "ana@acme.example"),
                  "NF-e rejected",
                  "Invoices are rejected since this morning",
                  io.prazo.events.Channel.PORTAL,
                  "fiscal",
                  null,
                  null,
                  null,
                  "HIGH",
                  false,
                  new SlaTerms("pronnus", 1, Map.of("24x7", 1, "br-8x5", 1)),
                  SupportLevel.N1));
    }

    @Test
    void derivesThePriorityFromSeverityImpactAndUrgencyWithTheMatrix() {
      NewTicket derived =
          new NewTicket(
              "shop",
              new Requester("agent-typed", "Bob", null),
              "POS down",
              "",
              io.prazo.events.Channel.PHONE,
              null,
              Severity.MEDIUM,
              Impact.HIGH,
              Urgency.HIGH,
              null);
      fixture
          .givenNoPriorActivity()
          .when(new OpenTicketCommand(TICKET, "TCK-000002", AGENT, derived))
          .expectSuccessfulHandlerExecution()
          .expectResultMessagePayload(
              new TicketOpenedAck(TICKET, 0, "TCK-000002", "P1", "presence", 1))
          .expectEvents(
              new TicketOpened(
                  TICKET,
                  NOW,
                  "TCK-000002",
                  "shop",
                  new Requester("agent-typed", "Bob", null),
                  "POS down",
                  "",
                  io.prazo.events.Channel.PHONE,
                  null,
                  "MEDIUM",
                  "HIGH",
                  "HIGH",
                  "P1",
                  true,
                  new SlaTerms("presence", 1, Map.of("br-8x5", 1)),
                  SupportLevel.N1));
    }

    @Test
    void refusesAPriorityOffThePolicysScale() {
      fixture
          .givenNoPriorActivity()
          .when(new OpenTicketCommand(TICKET, "TCK-000001", CUSTOMER, request("P0")))
          .expectException(RuleViolationException.class)
          .expectNoEvents();
    }

    @Test
    void refusesAnUnknownOrganization() {
      NewTicket unknown =
          new NewTicket(
              "nobody",
              new Requester(AGENT.id(), "x", null),
              "s",
              "",
              io.prazo.events.Channel.EMAIL,
              null,
              null,
              null,
              null,
              "HIGH");
      fixture
          .givenNoPriorActivity()
          .when(new OpenTicketCommand(TICKET, "TCK-000001", AGENT, unknown))
          .expectException(RuleViolationException.class)
          .expectExceptionMessage(org.hamcrest.Matchers.containsString("unknown organization"));
    }

    @Test
    void refusesAnEmptySubject() {
      NewTicket empty =
          new NewTicket(
              ORG,
              new Requester(CUSTOMER.id(), "Ana", null),
              "  ",
              "",
              io.prazo.events.Channel.EMAIL,
              null,
              null,
              null,
              null,
              "HIGH");
      fixture
          .givenNoPriorActivity()
          .when(new OpenTicketCommand(TICKET, "TCK-000001", CUSTOMER, empty))
          .expectException(RuleViolationException.class);
    }

    @Test
    void refusesNoPriorityWhenThePolicyHasNoMatrix() {
      fixture
          .givenNoPriorActivity()
          .when(new OpenTicketCommand(TICKET, "TCK-000001", CUSTOMER, request(null)))
          .expectException(RuleViolationException.class);
    }

    @Test
    void refusesACustomerOpeningForAnotherOrganization() {
      fixture
          .givenNoPriorActivity()
          .when(new OpenTicketCommand(TICKET, "TCK-000001", OTHER_CUSTOMER, request("HIGH")))
          .expectException(AccessRefusedException.class);
    }

    @Test
    void refusesASupervisorOrAuditorOpening() {
      fixture
          .givenNoPriorActivity()
          .when(new OpenTicketCommand(TICKET, "TCK-000001", AUDITOR, request("HIGH")))
          .expectException(AccessRefusedException.class);
    }
  }

  @Nested
  class Assigning {
    @Test
    void assignsAtALevel() {
      fixture
          .given(opened())
          .when(new AssignTicketCommand(TICKET, null, SUPERVISOR, "agent-1", SupportLevel.N2))
          .expectResultMessagePayload(new CommandAck(TICKET, 1))
          .expectEvents(new TicketAssigned(TICKET, NOW, "agent-1", SupportLevel.N2));
    }

    @Test
    void refusesAssigningAClosedTicket() {
      fixture
          .given(closedByApproval())
          .when(new AssignTicketCommand(TICKET, null, AGENT, "agent-1", SupportLevel.N1))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void refusesACustomerAssigning() {
      fixture
          .given(opened())
          .when(new AssignTicketCommand(TICKET, null, CUSTOMER, "agent-1", SupportLevel.N1))
          .expectException(AccessRefusedException.class);
    }
  }

  @Nested
  class Replying {
    @Test
    void recordsTheFirstResponseOnTheFirstPublicAgentReply() {
      fixture
          .given(opened())
          .when(new AddReplyCommand(TICKET, null, AGENT, "Looking into it", true))
          .expectEvents(
              new ReplyAdded(
                  TICKET,
                  NOW,
                  TICKET + "/reply/1",
                  AGENT.id(),
                  Role.AGENT,
                  "Looking into it",
                  true),
              new FirstResponseRecorded(TICKET, NOW, TICKET + "/reply/1", AGENT.id()));
    }

    @Test
    void anInternalNoteIsNoFirstResponse() {
      fixture
          .given(opened())
          .when(new AddReplyCommand(TICKET, null, AGENT, "note", false))
          .expectEvents(
              new ReplyAdded(
                  TICKET, NOW, TICKET + "/reply/1", AGENT.id(), Role.AGENT, "note", false));
    }

    @Test
    void recordsTheFirstResponseOnlyOnce() {
      fixture
          .given(
              opened(),
              new ReplyAdded(
                  TICKET, OPENED_AT, TICKET + "/reply/1", AGENT.id(), Role.AGENT, "hi", true),
              new FirstResponseRecorded(TICKET, OPENED_AT, TICKET + "/reply/1", AGENT.id()))
          .when(new AddReplyCommand(TICKET, null, AGENT, "again", true))
          .expectEvents(
              new ReplyAdded(
                  TICKET, NOW, TICKET + "/reply/2", AGENT.id(), Role.AGENT, "again", true));
    }

    @Test
    void aCustomerReplyResumesAPausedTicket() {
      fixture
          .given(opened(), new TicketPaused(TICKET, OPENED_AT, PauseReason.AWAITING_CUSTOMER))
          .when(new AddReplyCommand(TICKET, null, CUSTOMER, "Here are the logs", true))
          .expectEvents(
              new ReplyAdded(
                  TICKET,
                  NOW,
                  TICKET + "/reply/1",
                  CUSTOMER.id(),
                  Role.CUSTOMER,
                  "Here are the logs",
                  true),
              new TicketResumed(TICKET, NOW, ResumeTrigger.CUSTOMER_REPLY));
    }

    @Test
    void refusesACustomerInternalNote() {
      fixture
          .given(opened())
          .when(new AddReplyCommand(TICKET, null, CUSTOMER, "psst", false))
          .expectException(RuleViolationException.class);
    }

    @Test
    void refusesReplyingToACancelledTicket() {
      fixture
          .given(opened(), new TicketCancelled(TICKET, OPENED_AT, null))
          .when(new AddReplyCommand(TICKET, null, AGENT, "hello?", true))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void aCustomerOfAnotherOrganizationDoesNotSeeTheTicket() {
      fixture
          .given(opened())
          .when(new AddReplyCommand(TICKET, null, OTHER_CUSTOMER, "mine?", true))
          .expectException(TicketNotFoundException.class);
    }
  }

  @Nested
  class Pausing {
    @Test
    void pausesWithAReason() {
      fixture
          .given(opened())
          .when(new PauseTicketCommand(TICKET, null, AGENT, PauseReason.AWAITING_THIRD_PARTY))
          .expectEvents(new TicketPaused(TICKET, NOW, PauseReason.AWAITING_THIRD_PARTY));
    }

    @Test
    void refusesPausingTwice() {
      fixture
          .given(opened(), new TicketPaused(TICKET, OPENED_AT, PauseReason.AWAITING_CUSTOMER))
          .when(new PauseTicketCommand(TICKET, null, AGENT, PauseReason.AWAITING_CUSTOMER))
          .expectException(TicketStateConflictException.class)
          .expectExceptionMessage("the ticket is already paused");
    }

    @Test
    void refusesPausingAResolvedTicket() {
      fixture
          .given(opened(), resolved(), approvalRequested())
          .when(new PauseTicketCommand(TICKET, null, AGENT, PauseReason.AWAITING_CUSTOMER))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void resumes() {
      fixture
          .given(opened(), new TicketPaused(TICKET, OPENED_AT, PauseReason.AWAITING_CUSTOMER))
          .when(new ResumeTicketCommand(TICKET, null, AGENT))
          .expectEvents(new TicketResumed(TICKET, NOW, ResumeTrigger.AGENT));
    }

    @Test
    void refusesResumingATicketThatIsNotPaused() {
      fixture
          .given(opened())
          .when(new ResumeTicketCommand(TICKET, null, AGENT))
          .expectException(TicketStateConflictException.class);
    }
  }

  @Nested
  class ChangingPriority {
    @Test
    void changesPriorityWithAReason() {
      fixture
          .given(opened())
          .when(new ChangePriorityCommand(TICKET, null, AGENT, "URGENT", "Sales stopped", "Ana"))
          .expectEvents(new PriorityChanged(TICKET, NOW, "HIGH", "URGENT", "Sales stopped", "Ana"));
    }

    @Test
    void refusesTheSamePriority() {
      fixture
          .given(opened())
          .when(new ChangePriorityCommand(TICKET, null, AGENT, "HIGH", "same", null))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void refusesAPriorityOffTheScale() {
      fixture
          .given(opened())
          .when(new ChangePriorityCommand(TICKET, null, SUPERVISOR, "P1", "why not", null))
          .expectException(RuleViolationException.class);
    }

    @Test
    void refusesChangingAClosedTicket() {
      fixture
          .given(closedByApproval())
          .when(new ChangePriorityCommand(TICKET, null, AGENT, "LOW", "late", null))
          .expectException(TicketStateConflictException.class);
    }
  }

  @Nested
  class Escalating {
    @Test
    void aBreachEscalatesOneLevelNamingTheMetric() {
      fixture
          .given(opened())
          .when(
              new EscalateTicketCommand(
                  TICKET, null, SYSTEM, EscalationReason.SLA_BREACH, SlaMetric.RESOLUTION, null))
          .expectEvents(
              new TicketEscalated(
                  TICKET,
                  NOW,
                  SupportLevel.N1,
                  SupportLevel.N2,
                  1,
                  EscalationReason.SLA_BREACH,
                  SlaMetric.RESOLUTION,
                  null));
    }

    @Test
    void refusesASecondSystemEscalationForTheSameMetricInACycle() {
      fixture
          .given(
              opened(),
              new TicketEscalated(
                  TICKET,
                  OPENED_AT,
                  SupportLevel.N1,
                  SupportLevel.N2,
                  1,
                  EscalationReason.SLA_BREACH,
                  SlaMetric.RESOLUTION,
                  null))
          .when(
              new EscalateTicketCommand(
                  TICKET, null, SYSTEM, EscalationReason.SLA_BREACH, SlaMetric.RESOLUTION, null))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void aReopenStartsANewCycleForBreachEscalations() {
      fixture
          .given(
              opened(),
              new TicketEscalated(
                  TICKET,
                  OPENED_AT,
                  SupportLevel.N1,
                  SupportLevel.N2,
                  1,
                  EscalationReason.SLA_BREACH,
                  SlaMetric.RESOLUTION,
                  null),
              resolved(),
              approvalRequested(),
              new ResolutionRejected(TICKET, OPENED_AT, APPROVAL_1, "still broken"),
              new TicketReopened(TICKET, OPENED_AT))
          .when(
              new EscalateTicketCommand(
                  TICKET, null, SYSTEM, EscalationReason.SLA_BREACH, SlaMetric.RESOLUTION, null))
          .expectEvents(
              new TicketEscalated(
                  TICKET,
                  NOW,
                  SupportLevel.N2,
                  SupportLevel.N3,
                  2,
                  EscalationReason.SLA_BREACH,
                  SlaMetric.RESOLUTION,
                  null));
    }

    @Test
    void aCustomerRequestIsRecordedWithItsReason() {
      fixture
          .given(opened())
          .when(
              new EscalateTicketCommand(
                  TICKET,
                  null,
                  CUSTOMER,
                  EscalationReason.CUSTOMER_REQUEST,
                  null,
                  "Sales are down"))
          .expectEvents(
              new TicketEscalated(
                  TICKET,
                  NOW,
                  SupportLevel.N1,
                  SupportLevel.N2,
                  1,
                  EscalationReason.CUSTOMER_REQUEST,
                  null,
                  "Sales are down"));
    }

    @Test
    void n3StaysN3() {
      fixture
          .given(opened(), new TicketAssigned(TICKET, OPENED_AT, "dev-1", SupportLevel.N3))
          .when(
              new EscalateTicketCommand(
                  TICKET, null, SUPERVISOR, EscalationReason.MANUAL, null, null))
          .expectEvents(
              new TicketEscalated(
                  TICKET,
                  NOW,
                  SupportLevel.N3,
                  SupportLevel.N3,
                  1,
                  EscalationReason.MANUAL,
                  null,
                  null));
    }

    @Test
    void refusesACustomerClaimingABreach() {
      fixture
          .given(opened())
          .when(
              new EscalateTicketCommand(
                  TICKET, null, CUSTOMER, EscalationReason.SLA_BREACH, SlaMetric.RESOLUTION, null))
          .expectException(AccessRefusedException.class);
    }

    @Test
    void refusesABreachWithoutAMetric() {
      fixture
          .given(opened())
          .when(
              new EscalateTicketCommand(
                  TICKET, null, SYSTEM, EscalationReason.SLA_BREACH, null, null))
          .expectException(RuleViolationException.class);
    }

    @Test
    void refusesEscalatingAClosedTicket() {
      fixture
          .given(closedByApproval())
          .when(
              new EscalateTicketCommand(
                  TICKET, null, SUPERVISOR, EscalationReason.MANUAL, null, null))
          .expectException(TicketStateConflictException.class);
    }
  }

  @Nested
  class Resolving {
    @Test
    void resolvingAsksForApproval() {
      fixture
          .given(opened())
          .when(new ResolveTicketCommand(TICKET, null, AGENT, ClosingCategory.COURTESY, "Done"))
          .expectResultMessagePayload(new CommandAck(TICKET, 2))
          .expectEvents(
              new TicketResolved(TICKET, NOW, ClosingCategory.COURTESY, "Done", AGENT.id()),
              new ApprovalRequested(TICKET, NOW, APPROVAL_1));
    }

    @Test
    void refusesResolvingAPausedTicket() {
      fixture
          .given(opened(), new TicketPaused(TICKET, OPENED_AT, PauseReason.AWAITING_CUSTOMER))
          .when(new ResolveTicketCommand(TICKET, null, AGENT, ClosingCategory.COURTESY, "Done"))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void refusesResolvingTwice() {
      fixture
          .given(opened(), resolved(), approvalRequested())
          .when(new ResolveTicketCommand(TICKET, null, AGENT, ClosingCategory.COURTESY, "Again"))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void refusesResolvingAClosedTicket() {
      fixture
          .given(closedByApproval())
          .when(new ResolveTicketCommand(TICKET, null, AGENT, ClosingCategory.COURTESY, "Again"))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void aSecondResolutionAsksWithANewApprovalRequest() {
      fixture
          .given(
              opened(),
              resolved(),
              approvalRequested(),
              new ResolutionRejected(TICKET, OPENED_AT, APPROVAL_1, null),
              new TicketReopened(TICKET, OPENED_AT))
          .when(
              new ResolveTicketCommand(TICKET, null, AGENT, ClosingCategory.PRODUCT_ERROR, "Fixed"))
          .expectEvents(
              new TicketResolved(TICKET, NOW, ClosingCategory.PRODUCT_ERROR, "Fixed", AGENT.id()),
              new ApprovalRequested(TICKET, NOW, TICKET + "/approval/2"));
    }
  }

  @Nested
  class Approving {
    @Test
    void approvalClosesAndAsksForTheSurvey() {
      fixture
          .given(opened(), resolved(), approvalRequested())
          .when(new AnswerApprovalCommand(TICKET, null, COLLEAGUE, true, "Thanks"))
          .expectEvents(
              new ResolutionApproved(TICKET, NOW, APPROVAL_1, "Thanks"),
              new TicketClosed(TICKET, NOW, ClosedHow.APPROVED),
              new SurveyRequested(TICKET, NOW, SURVEY));
    }

    @Test
    void rejectionReopens() {
      fixture
          .given(opened(), resolved(), approvalRequested())
          .when(new AnswerApprovalCommand(TICKET, null, CUSTOMER, false, "Still broken"))
          .expectEvents(
              new ResolutionRejected(TICKET, NOW, APPROVAL_1, "Still broken"),
              new TicketReopened(TICKET, NOW));
    }

    @Test
    void refusesApprovalWhenNotResolved() {
      fixture
          .given(opened())
          .when(new AnswerApprovalCommand(TICKET, null, CUSTOMER, true, null))
          .expectException(TicketStateConflictException.class)
          .expectExceptionMessage("the ticket is not awaiting approval");
    }

    @Test
    void refusesRejectionWhenNotResolved() {
      fixture
          .given(closedByApproval())
          .when(new AnswerApprovalCommand(TICKET, null, CUSTOMER, false, null))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void refusesAnAgentApproving() {
      fixture
          .given(opened(), resolved(), approvalRequested())
          .when(new AnswerApprovalCommand(TICKET, null, AGENT, true, null))
          .expectException(AccessRefusedException.class);
    }

    @Test
    void anotherOrganizationCannotApprove() {
      fixture
          .given(opened(), resolved(), approvalRequested())
          .when(new AnswerApprovalCommand(TICKET, null, OTHER_CUSTOMER, true, null))
          .expectException(TicketNotFoundException.class);
    }
  }

  @Nested
  class AutoClosing {
    @Test
    void closesNamingTheUnansweredRequest() {
      fixture
          .given(opened(), resolved(), approvalRequested())
          .when(new AutoCloseTicketCommand(TICKET, null, SYSTEM, APPROVAL_1))
          .expectEvents(
              new TicketAutoClosed(TICKET, NOW, APPROVAL_1),
              new TicketClosed(TICKET, NOW, ClosedHow.AUTO_CLOSED),
              new SurveyRequested(TICKET, NOW, SURVEY));
    }

    @Test
    void aStaleRequestLoses() {
      fixture
          .given(
              opened(),
              resolved(),
              approvalRequested(),
              new ResolutionRejected(TICKET, OPENED_AT, APPROVAL_1, null),
              new TicketReopened(TICKET, OPENED_AT),
              resolved(),
              new ApprovalRequested(TICKET, OPENED_AT, TICKET + "/approval/2"))
          .when(new AutoCloseTicketCommand(TICKET, null, SYSTEM, APPROVAL_1))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void refusesWhenNotAwaitingApproval() {
      fixture
          .given(closedByApproval())
          .when(new AutoCloseTicketCommand(TICKET, null, SYSTEM, APPROVAL_1))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void onlyTheSystemAutoCloses() {
      fixture
          .given(opened(), resolved(), approvalRequested())
          .when(new AutoCloseTicketCommand(TICKET, null, SUPERVISOR, APPROVAL_1))
          .expectException(AccessRefusedException.class);
    }
  }

  @Nested
  class Surveying {
    @Test
    void recordsTheAnswer() {
      fixture
          .given(closedByApproval())
          .when(new AnswerSurveyCommand(TICKET, null, CUSTOMER, 5, "Great"))
          .expectEvents(new SurveyAnswered(TICKET, NOW, SURVEY, 5, "Great"));
    }

    @Test
    void refusesWithoutASurvey() {
      fixture
          .given(opened())
          .when(new AnswerSurveyCommand(TICKET, null, CUSTOMER, 5, null))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void refusesASecondAnswer() {
      Object[] history = closedByApproval();
      Object[] answered = java.util.Arrays.copyOf(history, history.length + 1);
      answered[history.length] = new SurveyAnswered(TICKET, OPENED_AT, SURVEY, 4, null);
      fixture
          .given(answered)
          .when(new AnswerSurveyCommand(TICKET, null, CUSTOMER, 5, null))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void refusesAScoreOutsideOneToFive() {
      fixture
          .given(closedByApproval())
          .when(new AnswerSurveyCommand(TICKET, null, CUSTOMER, 6, null))
          .expectException(RuleViolationException.class);
      fixture
          .given(closedByApproval())
          .when(new AnswerSurveyCommand(TICKET, null, CUSTOMER, 0, null))
          .expectException(RuleViolationException.class);
    }
  }

  @Nested
  class Cancelling {
    @Test
    void theRequesterCancels() {
      fixture
          .given(opened())
          .when(new CancelTicketCommand(TICKET, null, CUSTOMER, "Found it myself"))
          .expectEvents(new TicketCancelled(TICKET, NOW, "Found it myself"));
    }

    @Test
    void aColleagueOfTheRequesterCannotCancel() {
      fixture
          .given(opened())
          .when(new CancelTicketCommand(TICKET, null, COLLEAGUE, null))
          .expectException(AccessRefusedException.class);
    }

    @Test
    void refusesCancellingAResolvedTicket() {
      fixture
          .given(opened(), resolved(), approvalRequested())
          .when(new CancelTicketCommand(TICKET, null, CUSTOMER, null))
          .expectException(TicketStateConflictException.class);
    }

    @Test
    void refusesCancellingAClosedTicket() {
      fixture
          .given(closedByApproval())
          .when(new CancelTicketCommand(TICKET, null, CUSTOMER, null))
          .expectException(TicketStateConflictException.class);
    }
  }

  @Test
  void aCommandForAnUnknownTicketFails() {
    fixture
        .givenNoPriorActivity()
        .when(new ResumeTicketCommand("nope", null, AGENT))
        .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
  }
}
