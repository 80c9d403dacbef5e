package io.prazo.sla.projector.bench;

import io.prazo.command.domain.NewTicket;
import io.prazo.command.domain.PolicyCatalog;
import io.prazo.command.domain.Ticket;
import io.prazo.events.Actor;
import io.prazo.events.Channel;
import io.prazo.events.ClosingCategory;
import io.prazo.events.EscalationReason;
import io.prazo.events.MetadataKeys;
import io.prazo.events.PauseReason;
import io.prazo.events.Requester;
import io.prazo.events.Role;
import io.prazo.events.SupportLevel;
import io.prazo.events.TicketCancelled;
import io.prazo.events.TicketClosed;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketOpened;
import io.prazo.events.TicketStatus;
import io.prazo.sla.CalendarSource;
import io.prazo.sla.Contract;
import io.prazo.sla.Impact;
import io.prazo.sla.Presets;
import io.prazo.sla.Priority;
import io.prazo.sla.Severity;
import io.prazo.sla.SlaAction;
import io.prazo.sla.SlaClocks;
import io.prazo.sla.SlaPolicy;
import io.prazo.sla.TicketSla;
import io.prazo.sla.Urgency;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes the history of a support desk: tickets opened over a period (mostly in São Paulo business
 * hours), each taken through a lifecycle drawn at random, with the events the real {@link Ticket}
 * domain decides for each command (so every history is one ticket-command would have accepted) and
 * the escalations and auto-closes the projector would have sent when an SLA clock ran out or an
 * approval went unanswered (worked out with {@link SlaClocks}, as the projector does). Events of
 * all tickets come out in the order they happened, each with its metadata as ticket-command writes
 * it.
 *
 * <p>The number of tickets and of events is exact: internal agent notes (one event each, no effect
 * on the clocks) make up the difference between the drawn lifecycles and the requested total.
 * Deterministic for a seed and period.
 */
final class TicketHistoryGenerator {

  /** One stored event, in global order. */
  record Generated(
      String ticketId,
      long sequence,
      TicketEvent event,
      Map<String, String> metadata,
      UUID eventId,
      Instant timestamp) {}

  /** Where generated events go. */
  interface Sink {
    void accept(Generated event) throws Exception;
  }

  /** The policies tickets are opened under, at their current versions, and their calendars. */
  record Catalog(
      Map<String, SlaPolicy> policies,
      Map<String, Integer> calendarVersions,
      CalendarSource calendars) {}

  /** What was generated. */
  record Stats(
      long tickets,
      long events,
      Map<String, Long> byType,
      Map<String, Long> byPolicy,
      long finalTickets,
      long openTickets,
      long notes,
      int minPerTicket,
      int medianPerTicket,
      int p99PerTicket,
      int maxPerTicket,
      Instant firstEventAt,
      Instant lastEventAt) {}

  private static final String SYSTEM_ID = "sla-projector";
  private static final Actor SYSTEM = Actor.system(SYSTEM_ID);

  /** Policy ids with their share of organizations. */
  private static final Object[][] POLICY_SHARES = {
    {Presets.POLICY_PRONNUS, 0.35},
    {Presets.POLICY_PRESENCE, 0.25},
    {Presets.POLICY_WATI_BUSINESS_PLUS, 0.25},
    {Presets.POLICY_STANDARD, 0.15}
  };

  /** Share of tickets at each priority of a four-level scale, most urgent first. */
  private static final double[] PRIORITY_SHARES = {0.05, 0.20, 0.45, 0.30};

  private static final String[] SUBJECTS = {
    "Erro ao emitir nota fiscal",
    "Sistema lento no fechamento do caixa",
    "Não consigo acessar o portal",
    "Relatório de vendas com valores divergentes",
    "Integração com o ERP parou",
    "Dúvida sobre configuração de impostos",
    "Troca de senha do usuário administrador",
    "Liberação de acesso para novo colaborador",
    "Backup não foi concluído",
    "Falha na sincronização do estoque",
    "Impressora fiscal não responde",
    "Solicitação de novo relatório"
  };
  private static final String[] PRODUCTS = {
    "ERP", "PDV", "Portal", "Fiscal", "Estoque", "Financeiro", "BI", null
  };
  private static final String FILLER =
      "Ao tentar concluir a operação o sistema apresenta uma mensagem de erro e a rotina não"
          + " avança. Já tentamos reiniciar a estação e limpar o cache, sem sucesso. O problema"
          + " afeta a equipe inteira desde hoje cedo e precisamos de retorno o quanto antes."
          + " Seguem em anexo as telas e o horário aproximado das ocorrências para análise.";

  private final Catalog catalog;
  private final long seed;
  private final Organization[] organizations;
  private final String[] agents;
  private final String[] supervisors;
  private final PolicyCatalog domainCatalog;

  private record Organization(String id, String policyId, Requester[] requesters) {}

  TicketHistoryGenerator(Catalog catalog, long seed) {
    this.catalog = catalog;
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed);
    organizations = new Organization[500];
    for (int i = 0; i < organizations.length; i++) {
      String id = String.format("org-%04d", i + 1);
      double draw = random.nextDouble();
      String policyId = (String) POLICY_SHARES[POLICY_SHARES.length - 1][0];
      for (Object[] share : POLICY_SHARES) {
        draw -= (double) share[1];
        if (draw < 0) {
          policyId = (String) share[0];
          break;
        }
      }
      Requester[] requesters = new Requester[1 + random.nextInt(12)];
      for (int r = 0; r < requesters.length; r++) {
        String user = id + "-user-" + (r + 1);
        requesters[r] = new Requester(user, "Cliente " + (r + 1) + " " + id, user + "@example.com");
      }
      organizations[i] = new Organization(id, policyId, requesters);
    }
    agents = new String[60];
    for (int i = 0; i < agents.length; i++) {
      agents[i] = String.format("agent-%02d", i + 1);
    }
    supervisors = new String[] {"supervisor-1", "supervisor-2", "supervisor-3", "supervisor-4"};
    Map<String, String> contracts = new HashMap<>();
    for (Organization org : organizations) {
      contracts.put(org.id(), org.policyId());
    }
    domainCatalog = new FixedCatalog(catalog, contracts);
  }

  /** The organizations and the policy each one's contract names. */
  Map<String, String> contracts() {
    Map<String, String> result = new TreeMap<>();
    for (Organization org : organizations) {
      result.put(org.id(), org.policyId());
    }
    return result;
  }

  /**
   * Writes {@code tickets} tickets with exactly {@code events} events in all, opened between {@code
   * start} and {@code end}; nothing happens after {@code end}.
   */
  Stats generate(int tickets, long events, Instant start, Instant end, Sink sink) throws Exception {
    if (events < 3L * tickets) {
      throw new IllegalArgumentException("at least three events per ticket, please");
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    long[] openings = openingInstants(random, tickets, start, end);
    PriorityQueue<Cursor> active =
        new PriorityQueue<>(
            Comparator.comparing((Cursor c) -> c.nextAt()).thenComparingInt(c -> c.index));
    Counter counter = new Counter(tickets);
    long budget = events;
    double coreSum = 0;
    for (int i = 0; i < tickets; i++) {
      Instant openedAt = Instant.ofEpochSecond(0, 0).plusNanos(openings[i]);
      while (!active.isEmpty() && active.peek().nextAt().isBefore(openedAt)) {
        emit(active, sink, counter);
      }
      SplittableRandom ticketRandom = new SplittableRandom(seed * 31 + i);
      TicketPlan plan = plan(ticketRandom, i, openedAt, end);
      List<Batch> core = simulate(plan, List.of(), end);
      int coreCount = count(core);
      coreSum += coreCount;
      int remainingTickets = tickets - i;
      int notes;
      if (remainingTickets == 1) {
        notes = (int) (budget - coreCount);
        if (notes < 0) {
          throw new IllegalStateException(
              String.format(
                  "the event budget ran out before the last ticket: the lifecycles drawn have"
                      + " %.2f events on average, more than %d / %d",
                  coreSum / tickets, events, tickets));
        }
      } else {
        double wanted = (double) budget / remainingTickets;
        double coreMean = coreSum / (i + 1);
        notes = poisson(ticketRandom, Math.max(0.05, wanted - coreMean));
        // Leave the tickets still to come at least three events each.
        notes =
            (int) Math.max(0, Math.min(notes, budget - coreCount - 3L * (remainingTickets - 1)));
      }
      List<Batch> batches = core;
      if (notes > 0) {
        batches = simulate(plan, noteSteps(ticketRandom, plan, core, notes, end), end);
        if (count(batches) != coreCount + notes) {
          throw new IllegalStateException(
              "ticket " + plan.ticketId + ": notes changed its history");
        }
      }
      budget -= count(batches);
      counter.notes += notes;
      counter.ticket(plan, batches);
      active.add(new Cursor(i, plan.ticketId, batches, ticketRandom.split()));
    }
    while (!active.isEmpty()) {
      emit(active, sink, counter);
    }
    if (budget != 0 || counter.events != events) {
      throw new IllegalStateException("wrote " + counter.events + " events, not " + events);
    }
    return counter.stats();
  }

  // ---- opening instants -------------------------------------------------------------------

  /** Sorted opening instants (epoch nanos): about four in five in business hours. */
  private static long[] openingInstants(
      SplittableRandom random, int tickets, Instant start, Instant end) {
    long from = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    long span = (end.getEpochSecond() * 1_000_000_000L + end.getNano()) - from;
    long[] result = new long[tickets];
    for (int i = 0; i < tickets; ) {
      long nanos = from + (long) (random.nextDouble() * span);
      if (businessHours(Instant.ofEpochSecond(0, nanos)) || random.nextDouble() < 0.12) {
        result[i++] = nanos;
      }
    }
    Arrays.sort(result);
    return result;
  }

  private static boolean businessHours(Instant instant) {
    ZonedDateTime local = instant.atZone(Presets.SAO_PAULO);
    DayOfWeek day = local.getDayOfWeek();
    int hour = local.getHour();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && hour >= 8 && hour < 18;
  }

  /** The instant itself in business hours, otherwise (mostly) the next working morning. */
  private static Instant whenSomeoneWorks(SplittableRandom random, Instant at, double chance) {
    if (businessHours(at) || random.nextDouble() >= chance) {
      return at;
    }
    ZonedDateTime local = at.atZone(Presets.SAO_PAULO);
    ZonedDateTime next = local.getHour() >= 8 ? local.plusDays(1) : local;
    next = next.withHour(8).withMinute(0).withSecond(0).withNano(0);
    while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
      next = next.plusDays(1);
    }
    return next.toInstant().plusNanos((long) (random.nextDouble() * 90 * 60 * 1e9));
  }

  // ---- plans ------------------------------------------------------------------------------

  private enum Kind {
    ASSIGN,
    AGENT_REPLY,
    NOTE,
    CUSTOMER_REPLY,
    PAUSE,
    AGENT_RESUME,
    CHANGE_PRIORITY,
    CUSTOMER_ESCALATION,
    SUPERVISOR_ESCALATION,
    RESOLVE,
    APPROVE,
    REJECT,
    SURVEY,
    CANCEL
  }

  /** A priority to change to: a position on the policy's scale. */
  private record PriorityChoice(List<String> scale, int index) {}

  /** A command someone will send, and when. */
  private record Step(Instant at, Kind kind, Actor actor, Object argument) {}

  /** A ticket's opening and the commands drawn for it. */
  private static final class TicketPlan {
    String ticketId;
    String number;
    Organization organization;
    Requester requester;
    Actor opener;
    NewTicket request;
    Instant openedAt;
    Actor customer;
    Actor agent;
    List<Step> steps = new ArrayList<>();
  }

  private TicketPlan plan(SplittableRandom random, int index, Instant openedAt, Instant end) {
    TicketPlan plan = new TicketPlan();
    plan.ticketId = uuid(random).toString();
    plan.number = String.format("TCK-%06d", index + 1);
    plan.organization = organizations[random.nextInt(organizations.length)];
    plan.requester =
        plan.organization.requesters()[random.nextInt(plan.organization.requesters().length)];
    plan.customer = new Actor(plan.requester.id(), Role.CUSTOMER, plan.organization.id());
    plan.agent = new Actor(agents[random.nextInt(agents.length)], Role.AGENT, null);
    plan.openedAt = openedAt;
    boolean byAgent = random.nextDouble() < 0.2;
    plan.opener = byAgent ? plan.agent : plan.customer;
    Channel channel =
        byAgent
            ? pick(random, Channel.PHONE, Channel.REMOTE, Channel.EMAIL)
            : pick(random, Channel.PORTAL, Channel.PORTAL, Channel.EMAIL, Channel.CHAT);
    SlaPolicy policy = catalog.policies().get(plan.organization.policyId());
    int level = draw(random, PRIORITY_SHARES);
    String priority = null;
    Severity severity = null;
    Impact impact = null;
    Urgency urgency = null;
    if (policy.priorityMatrix().isPresent()) {
      severity = Severity.values()[level];
      impact = pick(random, Impact.values());
      urgency = pick(random, Urgency.values());
    } else {
      priority = policy.priorities().get(level).id();
    }
    String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
    plan.request =
        new NewTicket(
            plan.organization.id(),
            plan.requester,
            subject,
            FILLER.substring(0, 80 + random.nextInt(FILLER.length() - 80)),
            channel,
            PRODUCTS[random.nextInt(PRODUCTS.length)],
            severity,
            impact,
            urgency,
            priority);

    // Urgency of the work: 0 = most urgent priority of the scale.
    Plan p = new Plan(random, plan, openedAt, level);
    if (random.nextDouble() < 0.3) {
      Actor assigner =
          random.nextDouble() < 0.5
              ? plan.agent
              : new Actor(supervisors[random.nextInt(supervisors.length)], Role.SUPERVISOR, null);
      p.staff(
          minutes(random, 15, 1.0),
          Kind.ASSIGN,
          assigner,
          random.nextDouble() < 0.85 ? SupportLevel.N1 : SupportLevel.N2);
    }
    if (random.nextDouble() < 0.04) {
      if (random.nextDouble() < 0.5) {
        p.customer(minutes(random, 30, 1.0), Kind.CUSTOMER_REPLY, "Alguma novidade?");
      }
      p.customer(minutes(random, 180, 1.2), Kind.CANCEL, "Resolvido internamente");
      return plan;
    }
    double[] firstResponseMedian = {8, 15, 30, 60};
    double[] workMedian = {30, 60, 240, 600};
    // Some tickets are solved at once (on the phone, in a remote session): the resolution is the
    // first answer.
    boolean quick = random.nextDouble() < (byAgent ? 0.7 : 0.12);
    if (quick) {
      p.staff(
          minutes(random, firstResponseMedian[level], 1.0),
          Kind.RESOLVE,
          plan.agent,
          pick(random, ClosingCategory.values()));
      answer(random, p, 0);
      return plan;
    }
    p.staff(minutes(random, firstResponseMedian[level], 1.0), Kind.AGENT_REPLY, plan.agent, true);
    if (random.nextDouble() < 0.15) {
      p.customer(minutes(random, 90, 1.2), Kind.CUSTOMER_REPLY, "Segue a informação pedida.");
    }
    if (random.nextDouble() < 0.08) {
      Actor who =
          random.nextDouble() < 0.8
              ? plan.agent
              : new Actor(supervisors[random.nextInt(supervisors.length)], Role.SUPERVISOR, null);
      p.staff(
          minutes(random, 30, 1.0),
          Kind.CHANGE_PRIORITY,
          who,
          new PriorityChoice(
              policy.priorities().stream().map(Priority::id).toList(), random.nextInt(4)));
    }
    if (random.nextDouble() < 0.02) {
      p.customer(minutes(random, 120, 1.0), Kind.CUSTOMER_ESCALATION, null);
    } else if (random.nextDouble() < 0.01) {
      p.staff(
          minutes(random, 120, 1.0),
          Kind.SUPERVISOR_ESCALATION,
          new Actor(supervisors[random.nextInt(supervisors.length)], Role.SUPERVISOR, null),
          null);
    }
    int cycles = draw(random, new double[] {0.78, 0.16, 0.05, 0.01});
    for (int c = 0; c < cycles; c++) {
      pauseCycle(random, p, plan, workMedian[level]);
    }
    if (random.nextDouble() < 0.15) {
      p.staff(minutes(random, workMedian[level], 1.0), Kind.AGENT_REPLY, plan.agent, true);
    }
    p.staff(
        minutes(random, workMedian[level], 1.2),
        Kind.RESOLVE,
        plan.agent,
        pick(random, ClosingCategory.values()));
    answer(random, p, workMedian[level]);
    return plan;
  }

  /**
   * The customer's answer to a resolution: approval, a rejection (then more work and a new
   * resolution), or none, when the projector closes the ticket after four business days.
   */
  private static void answer(SplittableRandom random, Plan p, double workMedian) {
    for (int round = 0; ; round++) {
      double answer = random.nextDouble();
      if (round < 2 && answer < (round == 0 ? 0.07 : 0.03)) {
        p.customer(minutes(random, 600, 1.2), Kind.REJECT, "Ainda acontece.");
        p.staff(
            minutes(random, Math.max(60, workMedian), 1.0), Kind.AGENT_REPLY, p.plan.agent, true);
        if (random.nextDouble() < 0.3) {
          pauseCycle(random, p, p.plan, Math.max(60, workMedian));
        }
        p.staff(
            minutes(random, Math.max(60, workMedian), 1.2),
            Kind.RESOLVE,
            p.plan.agent,
            pick(random, ClosingCategory.values()));
        continue;
      }
      if (answer < 0.72) {
        p.customer(minutes(random, 360, 1.2), Kind.APPROVE, "Obrigado!");
      }
      return;
    }
  }

  private static void pauseCycle(
      SplittableRandom random, Plan p, TicketPlan plan, double workMedian) {
    p.staff(minutes(random, workMedian, 1.0), Kind.AGENT_REPLY, plan.agent, true);
    double reason = random.nextDouble();
    if (reason < 0.8) {
      p.staff(minutes(random, 2, 0.5), Kind.PAUSE, plan.agent, PauseReason.AWAITING_CUSTOMER);
      if (random.nextDouble() < 0.85) {
        p.customer(minutes(random, 240, 1.3), Kind.CUSTOMER_REPLY, "Respondendo ao pedido.");
      } else {
        p.staff(minutes(random, 1440, 0.8), Kind.AGENT_RESUME, plan.agent, null);
      }
    } else {
      PauseReason r =
          reason < 0.92 ? PauseReason.AWAITING_THIRD_PARTY : PauseReason.AWAITING_DEVELOPMENT;
      p.staff(minutes(random, 2, 0.5), Kind.PAUSE, plan.agent, r);
      p.staff(minutes(random, 1440, 1.0), Kind.AGENT_RESUME, plan.agent, null);
    }
  }

  /** Appends steps one after another, each some time after the previous one. */
  private static final class Plan {
    final SplittableRandom random;
    final TicketPlan plan;
    final double staffWaits;
    Instant at;

    Plan(SplittableRandom random, TicketPlan plan, Instant openedAt, int level) {
      this.random = random;
      this.plan = plan;
      this.at = openedAt;
      // Urgent and high tickets have someone on call; the rest wait for the next working hour.
      this.staffWaits = level <= 1 ? 0.3 : 0.8;
    }

    void staff(Duration after, Kind kind, Actor actor, Object argument) {
      at = whenSomeoneWorks(random, at.plus(after), staffWaits);
      plan.steps.add(new Step(at, kind, actor, argument));
    }

    void customer(Duration after, Kind kind, Object argument) {
      at = whenSomeoneWorks(random, at.plus(after), 0.5);
      plan.steps.add(new Step(at, kind, plan.customer, argument));
    }
  }

  /** Internal notes by the ticket's agent while it is not closed. */
  private static List<Step> noteSteps(
      SplittableRandom random, TicketPlan plan, List<Batch> core, int notes, Instant end) {
    Instant until = end;
    for (Batch batch : core) {
      if (batch.closes()) {
        until = batch.at;
        break;
      }
    }
    long window = Duration.between(plan.openedAt, until).toNanos();
    List<Step> steps = new ArrayList<>(notes);
    for (int n = 0; n < notes; n++) {
      // Strictly inside (openedAt, until): never at the same instant as the close.
      long offset = 1 + (long) (random.nextDouble() * Math.max(0, window - 2));
      steps.add(new Step(plan.openedAt.plusNanos(offset), Kind.NOTE, plan.agent, "Nota interna."));
    }
    return steps;
  }

  // ---- simulation -------------------------------------------------------------------------

  /** One command's events, with who sent it. */
  private record Batch(Instant at, Actor actor, List<TicketEvent> events) {
    boolean closes() {
      for (TicketEvent e : events) {
        if (e instanceof TicketClosed || e instanceof TicketCancelled) {
          return true;
        }
      }
      return false;
    }
  }

  private List<Batch> simulate(TicketPlan plan, List<Step> notes, Instant end) {
    List<Step> steps = new ArrayList<>(plan.steps.size() + notes.size());
    steps.addAll(plan.steps);
    steps.addAll(notes);
    steps.sort(Comparator.comparing(Step::at)); // stable: planned steps first at equal instants
    SplittableRandom random = new SplittableRandom(plan.ticketId.hashCode());
    List<Batch> batches = new ArrayList<>();
    List<TicketEvent> opened =
        Ticket.open(
            plan.ticketId, plan.number, plan.request, plan.opener, domainCatalog, plan.openedAt);
    TicketOpened first = (TicketOpened) opened.get(0);
    Ticket ticket = Ticket.opened(first);
    TicketSla sla = TicketSla.opened(first);
    SlaPolicy policy = catalog.policies().get(first.sla().policyId());
    batches.add(new Batch(plan.openedAt, plan.opener, opened));
    for (Step step : steps) {
      if (step.at().isAfter(end)) {
        break;
      }
      sla = fireDue(ticket, sla, policy, step.at(), batches, random);
      List<TicketEvent> events = decide(ticket, step);
      if (events == null) {
        continue;
      }
      for (TicketEvent e : events) {
        ticket.apply(e);
        sla = sla.apply(e);
      }
      batches.add(new Batch(step.at(), step.actor(), events));
    }
    sla = fireDue(ticket, sla, policy, end, batches, random);
    // A survey, some time after the ticket closed (by approval or by itself).
    if (sla.isFinal() && ticket.status() == TicketStatus.CLOSED) {
      SplittableRandom survey = new SplittableRandom(plan.ticketId.hashCode() * 7L);
      if (survey.nextDouble() < 0.25) {
        Instant at =
            whenSomeoneWorks(survey, sla.lastEventAt().plus(minutes(survey, 1440, 1.0)), 0.5);
        if (!at.isAfter(end)) {
          int score = 1 + draw(survey, new double[] {0.05, 0.07, 0.13, 0.30, 0.45});
          List<TicketEvent> events =
              ticket.answerSurvey(score, score >= 4 ? "Bom atendimento" : null, plan.customer, at);
          events.forEach(ticket::apply);
          batches.add(new Batch(at, plan.customer, events));
        }
      }
    }
    return batches;
  }

  /** Sends what the projector would have sent before an instant: escalations, auto-closes. */
  private TicketSla fireDue(
      Ticket ticket,
      TicketSla sla,
      SlaPolicy policy,
      Instant before,
      List<Batch> batches,
      SplittableRandom random) {
    for (int guard = 0; guard < 5; guard++) {
      List<SlaAction> owed =
          SlaClocks.evaluate(sla, policy, catalog.calendars(), sla.lastEventAt()).pendingActions();
      if (owed.isEmpty() || owed.get(0).dueAt().isAfter(before)) {
        return sla;
      }
      SlaAction action = owed.get(0);
      // The projector polls every second and calls ticket-command over HTTP.
      Instant at = action.dueAt().plusNanos(50_000_000L + random.nextLong(1_400_000_000L));
      if (at.isAfter(before)) {
        at = action.dueAt();
      }
      if (at.isBefore(sla.lastEventAt())) {
        at = sla.lastEventAt();
      }
      List<TicketEvent> events;
      if (action instanceof SlaAction.Escalation e) {
        events =
            ticket.escalate(
                EscalationReason.SLA_BREACH,
                e.metric(),
                "the " + e.metric() + " target was missed at " + e.dueAt(),
                SYSTEM,
                at);
      } else {
        SlaAction.AutoClose c = (SlaAction.AutoClose) action;
        events = ticket.autoClose(c.approvalRequestId(), SYSTEM, at);
      }
      for (TicketEvent e : events) {
        ticket.apply(e);
        sla = sla.apply(e);
      }
      batches.add(new Batch(at, SYSTEM, events));
    }
    throw new IllegalStateException("ticket " + sla.ticketId() + " owes actions without end");
  }

  /** The events a step's command gives, or null when the domain refuses it at this point. */
  private List<TicketEvent> decide(Ticket t, Step s) {
    Instant at = s.at();
    Actor actor = s.actor();
    try {
      return switch (s.kind()) {
        case ASSIGN -> t.assign(actor.id(), (SupportLevel) s.argument(), actor, at);
        case AGENT_REPLY ->
            t.reply(
                "Olá, estamos analisando o seu chamado e retornamos em breve.", true, actor, at);
        case NOTE -> t.reply((String) s.argument(), false, actor, at);
        case CUSTOMER_REPLY -> t.reply((String) s.argument(), true, actor, at);
        case PAUSE -> t.pause((PauseReason) s.argument(), actor, at);
        case AGENT_RESUME -> t.resume(actor, at);
        case CHANGE_PRIORITY -> {
          PriorityChoice choice = (PriorityChoice) s.argument();
          List<String> scale = choice.scale();
          String to = scale.get(choice.index() % scale.size());
          if (to.equals(t.priority())) {
            to = scale.get((choice.index() + 1) % scale.size());
          }
          yield t.changePriority(to, "Reavaliado com o cliente", null, actor, domainCatalog, at);
        }
        case CUSTOMER_ESCALATION ->
            t.escalate(EscalationReason.CUSTOMER_REQUEST, null, "Urgente para nós", actor, at);
        case SUPERVISOR_ESCALATION ->
            t.escalate(EscalationReason.MANUAL, null, "Cliente estratégico", actor, at);
        case RESOLVE -> {
          if (t.status() == TicketStatus.AWAITING) {
            yield null;
          }
          yield t.resolve((ClosingCategory) s.argument(), "Corrigido e validado.", actor, at);
        }
        case APPROVE -> t.approve((String) s.argument(), actor, at);
        case REJECT -> t.reject((String) s.argument(), actor, at);
        case SURVEY -> null;
        case CANCEL -> t.cancel((String) s.argument(), actor, at);
      };
    } catch (RuntimeException refused) {
      // e.g. an approval after the auto-close, a reply to a closed ticket: never sent, or refused.
      return null;
    }
  }

  // ---- emitting ---------------------------------------------------------------------------

  /** A ticket's next event to write. */
  private static final class Cursor {
    final int index;
    final String ticketId;
    final List<Batch> batches;
    final SplittableRandom random;
    int batch;
    int event;
    long sequence;
    Map<String, String> metadata;

    Cursor(int index, String ticketId, List<Batch> batches, SplittableRandom random) {
      this.index = index;
      this.ticketId = ticketId;
      this.batches = batches;
      this.random = random;
    }

    Instant nextAt() {
      return batches.get(batch).at();
    }
  }

  private static void emit(PriorityQueue<Cursor> active, Sink sink, Counter counter)
      throws Exception {
    Cursor c = active.poll();
    Batch batch = c.batches.get(c.batch);
    if (c.event == 0) {
      // One command: one correlation id (the request's) and one causation id (the command's).
      c.metadata =
          MetadataKeys.forCommand(
              batch.actor(), uuid(c.random).toString(), uuid(c.random).toString());
    }
    TicketEvent event = batch.events().get(c.event);
    // Axon stamps the message a moment after the domain read the clock.
    Instant timestamp = event.occurredAt().plusNanos(c.random.nextLong(1_500_000L));
    sink.accept(
        new Generated(c.ticketId, c.sequence, event, c.metadata, uuid(c.random), timestamp));
    counter.event(event);
    c.sequence++;
    c.event++;
    if (c.event == batch.events().size()) {
      c.event = 0;
      c.batch++;
    }
    if (c.batch < c.batches.size()) {
      active.add(c);
    }
  }

  /** Tallies what was written. */
  private static final class Counter {
    final int[] perTicket;
    int tickets;
    long events;
    long finalTickets;
    long notes;
    final Map<String, Long> byType = new TreeMap<>();
    final Map<String, Long> byPolicy = new TreeMap<>();
    Instant first;
    Instant last;

    Counter(int tickets) {
      perTicket = new int[tickets];
    }

    void ticket(TicketPlan plan, List<Batch> batches) {
      perTicket[tickets++] = count(batches);
      byPolicy.merge(plan.organization.policyId(), 1L, Long::sum);
      if (batches.stream().anyMatch(Batch::closes)) {
        finalTickets++;
      }
    }

    void event(TicketEvent event) {
      events++;
      byType.merge(event.getClass().getSimpleName(), 1L, Long::sum);
      if (first == null) {
        first = event.occurredAt();
      }
      last = event.occurredAt();
    }

    Stats stats() {
      int[] sorted = perTicket.clone();
      Arrays.sort(sorted);
      return new Stats(
          tickets,
          events,
          byType,
          byPolicy,
          finalTickets,
          tickets - finalTickets,
          notes,
          sorted[0],
          sorted[sorted.length / 2],
          sorted[(int) (sorted.length * 0.99)],
          sorted[sorted.length - 1],
          first,
          last);
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static int count(List<Batch> batches) {
    int n = 0;
    for (Batch b : batches) {
      n += b.events().size();
    }
    return n;
  }

  /** A log-normal duration with a median in minutes. */
  private static Duration minutes(SplittableRandom random, double median, double sigma) {
    double gaussian = gaussian(random);
    double value = median * Math.exp(sigma * gaussian);
    return Duration.ofNanos((long) (value * 60e9));
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = Math.max(1e-12, random.nextDouble());
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static int poisson(SplittableRandom random, double lambda) {
    double limit = Math.exp(-lambda);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }

  private static int draw(SplittableRandom random, double[] shares) {
    double x = random.nextDouble();
    for (int i = 0; i < shares.length; i++) {
      x -= shares[i];
      if (x < 0) {
        return i;
      }
    }
    return shares.length - 1;
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /** A version-4 UUID from the generator's random numbers. */
  static UUID uuid(SplittableRandom random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** The domain's view of the catalog: every organization's contract, current versions. */
  private record FixedCatalog(Catalog catalog, Map<String, String> contracts)
      implements PolicyCatalog {
    @Override
    public Optional<Contract> contractOf(String organizationId) {
      String policyId = contracts.get(organizationId);
      return policyId == null
          ? Optional.empty()
          : Optional.of(new Contract(organizationId, 1, policyId));
    }

    @Override
    public Optional<SlaPolicy> currentPolicy(String policyId) {
      return Optional.ofNullable(catalog.policies().get(policyId));
    }

    @Override
    public Optional<SlaPolicy> policy(String policyId, int version) {
      return currentPolicy(policyId).filter(p -> p.version() == version);
    }

    @Override
    public OptionalInt currentCalendarVersion(String calendarId) {
      Integer version = catalog.calendarVersions().get(calendarId);
      return version == null ? OptionalInt.empty() : OptionalInt.of(version);
    }
  }
}
