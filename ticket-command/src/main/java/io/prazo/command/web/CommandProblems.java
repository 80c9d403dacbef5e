package io.prazo.command.web;

import io.prazo.command.domain.AccessRefusedException;
import io.prazo.command.domain.RuleViolationException;
import io.prazo.command.domain.TicketNotFoundException;
import io.prazo.command.domain.TicketStateConflictException;
import io.prazo.sla.InvalidDefinitionException;
import io.prazo.web.problem.ProblemAdvice;
import io.prazo.web.problem.Problems;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How a refused command is answered: 404 unknown (or not visible) ticket, 403 role, 409 state or a
 * concurrent writer, 412 {@code If-Match} mismatch, 422 a rule. The idempotency store uses the same
 * mapping to remember refusals.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CommandProblems {

  /** The answer for a command failure, or empty when it is not a refusal (a server error). */
  public Optional<ResponseEntity<Object>> answer(Throwable ex) {
    ProblemDetail problem = problemFor(ex);
    return problem == null ? Optional.empty() : Optional.of(ProblemAdvice.problem(problem));
  }

  @ExceptionHandler({
    TicketNotFoundException.class,
    AggregateNotFoundException.class,
    AccessRefusedException.class,
    TicketStateConflictException.class,
    ConflictingAggregateVersionException.class,
    ConcurrencyException.class,
    RuleViolationException.class,
    InvalidDefinitionException.class,
    VersionPreconditionException.class
  })
  public ResponseEntity<Object> handle(RuntimeException ex) {
    return answer(ex).orElseThrow(() -> ex);
  }

  static ProblemDetail problemFor(Throwable ex) {
    if (ex instanceof TicketNotFoundException || ex instanceof AggregateNotFoundException) {
      return Problems.of(
          HttpStatus.NOT_FOUND, "ticket-not-found", "Ticket not found", "No such ticket.");
    }
    if (ex instanceof AccessRefusedException) {
      return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
    }
    if (ex instanceof TicketStateConflictException conflict) {
      ProblemDetail problem =
          Problems.of(
              HttpStatus.CONFLICT, "state-conflict", "Not allowed in this state", ex.getMessage());
      problem.setProperty("ticketStatus", conflict.status());
      return problem;
    }
    if (ex instanceof ConflictingAggregateVersionException version) {
      ProblemDetail problem =
          Problems.of(
              HttpStatus.PRECONDITION_FAILED,
              "version-mismatch",
              "Version mismatch",
              "The ticket is at version "
                  + version.getActualVersion()
                  + ", not "
                  + version.getExpectedVersion()
                  + ". Read it again and retry.");
      problem.setProperty("currentVersion", version.getActualVersion());
      return problem;
    }
    if (ex instanceof VersionPreconditionException precondition) {
      return Problems.of(
          HttpStatus.BAD_REQUEST,
          "invalid-if-match",
          "Invalid If-Match",
          precondition.getMessage());
    }
    if (ex instanceof ConcurrencyException) {
      return Problems.of(
          HttpStatus.CONFLICT,
          "concurrent-modification",
          "Concurrent modification",
          "Another command changed the ticket at the same time. Read it again and retry.");
    }
    if (ex instanceof InvalidDefinitionException invalid) {
      ProblemDetail problem =
          Problems.of(
              HttpStatus.UNPROCESSABLE_ENTITY,
              "invalid-definition",
              "Definition refused",
              "The definition cannot work.");
      problem.setProperty(
          "errors",
          invalid.errors().stream()
              .map(e -> java.util.Map.of("field", e.field(), "message", e.message()))
              .toList());
      return problem;
    }
    if (ex instanceof RuleViolationException) {
      return Problems.of(
          HttpStatus.UNPROCESSABLE_ENTITY, "rule-violation", "Refused by a rule", ex.getMessage());
    }
    return null;
  }
}
