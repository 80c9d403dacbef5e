package io.prazo.command.web;

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
import io.prazo.command.domain.NewTicket;
import io.prazo.command.domain.Permissions.Command;
import io.prazo.command.web.CommandRequests.Approval;
import io.prazo.command.web.CommandRequests.Assignment;
import io.prazo.command.web.CommandRequests.AutoClose;
import io.prazo.command.web.CommandRequests.Cancel;
import io.prazo.command.web.CommandRequests.Escalation;
import io.prazo.command.web.CommandRequests.OpenTicket;
import io.prazo.command.web.CommandRequests.Pause;
import io.prazo.command.web.CommandRequests.PriorityChange;
import io.prazo.command.web.CommandRequests.Reply;
import io.prazo.command.web.CommandRequests.Resolution;
import io.prazo.command.web.CommandRequests.Resume;
import io.prazo.command.web.CommandRequests.Survey;
import io.prazo.events.Actor;
import io.prazo.events.Requester;
import io.prazo.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ticket commands of api.md: each answers {@code {ticketId, version}} with an ETag. */
@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Ticket commands")
public class TicketCommandController {
  private static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final CommandDispatcher dispatcher;
  private final TicketNumbers numbers;

  public TicketCommandController(CommandDispatcher dispatcher, TicketNumbers numbers) {
    this.dispatcher = dispatcher;
    this.numbers = numbers;
  }

  @Operation(summary = "Open a ticket")
  @PostMapping
  public ResponseEntity<?> open(
      @Valid @RequestBody OpenTicket body,
      Caller caller,
      @Parameter(description = "Replays the first answer for a repeated request")
          @RequestHeader(value = IdempotencyStore.HEADER, required = false)
          String idempotencyKey,
      HttpServletRequest request) {
    Actor actor = dispatcher.actorFor(Command.OPEN, caller);
    return dispatcher.once(
        caller,
        idempotencyKey,
        request,
        body,
        () -> {
          String ticketId = UUID.randomUUID().toString();
          NewTicket ticket =
              new NewTicket(
                  body.organizationId(),
                  new Requester(
                      body.requester().id(), body.requester().name(), body.requester().email()),
                  body.subject(),
                  body.description(),
                  body.channel(),
                  body.product(),
                  body.severity(),
                  body.impact(),
                  body.urgency(),
                  body.priority());
          TicketOpenedAck ack =
              dispatcher.send(
                  new OpenTicketCommand(ticketId, numbers.next(), actor, ticket), actor, request);
          return ResponseEntity.created(URI.create("/api/tickets/" + ticketId))
              .eTag(IfMatch.etag(ack.version()))
              .body(ack);
        });
  }

  @Operation(summary = "Assign the ticket")
  @PostMapping("/{id}/assignment")
  public ResponseEntity<?> assign(
      @PathVariable String id,
      @Valid @RequestBody Assignment body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    return run(
        Command.ASSIGN,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        body,
        (actor, version) ->
            new AssignTicketCommand(id, version, actor, body.assignee(), body.level()));
  }

  @Operation(summary = "Reply (public) or add an internal note")
  @PostMapping("/{id}/replies")
  public ResponseEntity<?> reply(
      @PathVariable String id,
      @Valid @RequestBody Reply body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    return run(
        Command.REPLY,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        body,
        (actor, version) -> new AddReplyCommand(id, version, actor, body.body(), body.isPublic()));
  }

  @Operation(summary = "Pause the ticket while it waits")
  @PostMapping("/{id}/pause")
  public ResponseEntity<?> pause(
      @PathVariable String id,
      @Valid @RequestBody Pause body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    return run(
        Command.PAUSE,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        body,
        (actor, version) -> new PauseTicketCommand(id, version, actor, body.reason()));
  }

  @Operation(summary = "Resume a paused ticket")
  @PostMapping("/{id}/resume")
  public ResponseEntity<?> resume(
      @PathVariable String id,
      @RequestBody(required = false) Resume body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    return run(
        Command.RESUME,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        new Resume(),
        (actor, version) -> new ResumeTicketCommand(id, version, actor));
  }

  @Operation(summary = "Change the priority (with a reason)")
  @PostMapping("/{id}/priority")
  public ResponseEntity<?> changePriority(
      @PathVariable String id,
      @Valid @RequestBody PriorityChange body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    return run(
        Command.CHANGE_PRIORITY,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        body,
        (actor, version) ->
            new ChangePriorityCommand(
                id, version, actor, body.priority(), body.reason(), body.agreedWith()));
  }

  @Operation(summary = "Escalate the ticket one level")
  @PostMapping("/{id}/escalations")
  public ResponseEntity<?> escalate(
      @PathVariable String id,
      @Valid @RequestBody Escalation body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    return run(
        Command.ESCALATE,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        body,
        (actor, version) ->
            new EscalateTicketCommand(
                id, version, actor, body.reason(), body.metric(), body.note()));
  }

  @Operation(summary = "Resolve the ticket; the customer is asked to approve")
  @PostMapping("/{id}/resolution")
  public ResponseEntity<?> resolve(
      @PathVariable String id,
      @Valid @RequestBody Resolution body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    return run(
        Command.RESOLVE,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        body,
        (actor, version) ->
            new ResolveTicketCommand(id, version, actor, body.category(), body.summary()));
  }

  @Operation(summary = "Approve or reject the resolution (the customer)")
  @PostMapping("/{id}/approval")
  public ResponseEntity<?> approval(
      @PathVariable String id,
      @Valid @RequestBody Approval body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    return run(
        body.approved() ? Command.APPROVE : Command.REJECT,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        body,
        (actor, version) ->
            new AnswerApprovalCommand(id, version, actor, body.approved(), body.comment()));
  }

  @Operation(summary = "Close a ticket whose approval went unanswered (system only)")
  @PostMapping("/{id}/auto-close")
  public ResponseEntity<?> autoClose(
      @PathVariable String id,
      @Valid @RequestBody AutoClose body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    return run(
        Command.AUTO_CLOSE,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        body,
        (actor, version) ->
            new AutoCloseTicketCommand(id, version, actor, body.approvalRequestId()));
  }

  @Operation(summary = "Answer the satisfaction survey")
  @PostMapping("/{id}/survey")
  public ResponseEntity<?> survey(
      @PathVariable String id,
      @Valid @RequestBody Survey body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    return run(
        Command.ANSWER_SURVEY,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        body,
        (actor, version) ->
            new AnswerSurveyCommand(id, version, actor, body.score(), body.comment()));
  }

  @Operation(summary = "Cancel the ticket (its requester)")
  @PostMapping("/{id}/cancel")
  public ResponseEntity<?> cancel(
      @PathVariable String id,
      @Valid @RequestBody(required = false) Cancel body,
      Caller caller,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = IdempotencyStore.HEADER, required = false) String idempotencyKey,
      HttpServletRequest request) {
    Cancel cancel = body == null ? new Cancel(null) : body;
    return run(
        Command.CANCEL,
        caller,
        ifMatch,
        idempotencyKey,
        request,
        cancel,
        (actor, version) -> new CancelTicketCommand(id, version, actor, cancel.reason()));
  }

  private static String ticketIdOf(HttpServletRequest request) {
    Object variables =
        request.getAttribute(
            org.springframework.web.servlet.HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    Object id = variables instanceof java.util.Map<?, ?> map ? map.get("id") : null;
    return id == null ? "" : id.toString();
  }

  /** Builds a command from the acting role and the expected version. */
  @FunctionalInterface
  interface CommandFactory {
    Object create(Actor actor, Long expectedVersion);
  }

  private ResponseEntity<?> run(
      Command kind,
      Caller caller,
      String ifMatch,
      String idempotencyKey,
      HttpServletRequest request,
      Object body,
      CommandFactory factory) {
    if (!ID.matcher(ticketIdOf(request)).matches()) {
      throw new IllegalArgumentException("a ticket id is 1 to 64 letters, digits or dashes");
    }
    Actor actor = dispatcher.actorFor(kind, caller);
    Long expectedVersion = IfMatch.expectedVersion(ifMatch);
    return dispatcher.once(
        caller,
        idempotencyKey,
        request,
        body,
        () -> {
          CommandAck ack = dispatcher.send(factory.create(actor, expectedVersion), actor, request);
          return ResponseEntity.ok().eTag(IfMatch.etag(ack.version())).body(ack);
        });
  }
}
