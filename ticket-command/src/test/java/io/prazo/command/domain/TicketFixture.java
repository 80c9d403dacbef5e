package io.prazo.command.domain;

import io.prazo.events.Actor;
import io.prazo.events.ApprovalRequested;
import io.prazo.events.Channel;
import io.prazo.events.ClosedHow;
import io.prazo.events.ClosingCategory;
import io.prazo.events.Requester;
import io.prazo.events.ResolutionApproved;
import io.prazo.events.Role;
import io.prazo.events.SlaTerms;
import io.prazo.events.SupportLevel;
import io.prazo.events.SurveyRequested;
import io.prazo.events.TicketClosed;
import io.prazo.events.TicketOpened;
import io.prazo.events.TicketResolved;
import java.time.Instant;
import java.util.Map;

/** Test data for tickets: actors, requests and the events of a ticket's usual life. */
public final class TicketFixture {
  public static final String TICKET = "t-1";
  public static final String ORG = "acme";
  public static final Instant OPENED_AT = Instant.parse("2026-03-02T12:00:00Z");
  public static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  public static final Actor CUSTOMER = new Actor("cust-1", Role.CUSTOMER, ORG);
  public static final Actor OTHER_CUSTOMER = new Actor("cust-9", Role.CUSTOMER, "globex");
  public static final Actor COLLEAGUE = new Actor("cust-2", Role.CUSTOMER, ORG);
  public static final Actor AGENT = new Actor("agent-1", Role.AGENT, null);
  public static final Actor SUPERVISOR = new Actor("sup-1", Role.SUPERVISOR, null);
  public static final Actor SYSTEM = Actor.system("sla-projector");
  public static final Actor AUDITOR = new Actor("aud-1", Role.AUDITOR, null);
  public static final String APPROVAL_1 = TICKET + "/approval/1";
  public static final String SURVEY = TICKET + "/survey";

  private TicketFixture() {}

  public static NewTicket request(String priority) {
    return new NewTicket(
        ORG,
        new Requester(CUSTOMER.id(), "Ana", "ana@acme.example"),
        "NF-e rejected",
        "Invoices are rejected since this morning",
        Channel.PORTAL,
        "fiscal",
        null,
        null,
        null,
        priority);
  }

  public static TicketOpened opened() {
    return new TicketOpened(
        TICKET,
        OPENED_AT,
        "TCK-000001",
        ORG,
        new Requester(CUSTOMER.id(), "Ana", "ana@acme.example"),
        "NF-e rejected",
        "Invoices are rejected since this morning",
        Channel.PORTAL,
        "fiscal",
        null,
        null,
        null,
        "HIGH",
        false,
        new SlaTerms("pronnus", 1, Map.of("24x7", 1, "br-8x5", 1)),
        SupportLevel.N1);
  }

  public static TicketResolved resolved() {
    return new TicketResolved(
        TICKET, OPENED_AT.plusSeconds(3600), ClosingCategory.PRODUCT_ERROR, "Patched", AGENT.id());
  }

  public static ApprovalRequested approvalRequested() {
    return new ApprovalRequested(TICKET, OPENED_AT.plusSeconds(3600), APPROVAL_1);
  }

  public static Object[] closedByApproval() {
    Instant at = OPENED_AT.plusSeconds(7200);
    return new Object[] {
      opened(),
      resolved(),
      approvalRequested(),
      new ResolutionApproved(TICKET, at, APPROVAL_1, null),
      new TicketClosed(TICKET, at, ClosedHow.APPROVED),
      new SurveyRequested(TICKET, at, SURVEY)
    };
  }
}
