package io.prazo.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.command.domain.Permissions;
import io.prazo.events.Actor;
import io.prazo.events.MetadataKeys;
import io.prazo.web.http.CorrelationFilter;
import io.prazo.web.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends a command on behalf of a caller: picks the role it acts in (403 when it has none of the
 * allowed ones), attaches actor and correlation metadata, and runs it through the idempotency store
 * when the request carries an {@code Idempotency-Key}.
 */
@Component
public class CommandDispatcher {
  private final CommandGateway gateway;
  private final IdempotencyStore idempotency;
  private final ObjectMapper mapper;
  private final CommandMetrics metrics;

  public CommandDispatcher(
      CommandGateway gateway,
      IdempotencyStore idempotency,
      ObjectMapper mapper,
      CommandMetrics metrics) {
    this.gateway = gateway;
    this.idempotency = idempotency;
    this.mapper = mapper;
    this.metrics = metrics;
  }

  /** The actor a caller acts as for a command. */
  public Actor actorFor(Permissions.Command command, Caller caller) {
    return Permissions.actingAs(command, caller.id(), caller.roles(), caller.organizationId());
  }

  /**
   * Sends a command and waits for its answer; refusals are thrown as domain exceptions. Its time
   * and outcome go to {@code prazo.commands}.
   */
  public <R> R send(Object command, Actor actor, HttpServletRequest request) {
    GenericCommandMessage<?> message =
        new GenericCommandMessage<>(
            command, MetadataKeys.forCommand(actor, CorrelationFilter.current(request), null));
    long start = System.nanoTime();
    try {
      R result = gateway.sendAndWait(message);
      recordAccepted(command.getClass(), System.nanoTime() - start);
      return result;
    } catch (RuntimeException | Error e) {
      metrics.record(command.getClass(), CommandMetrics.outcomeOf(e), System.nanoTime() - start);
      throw e;
    }
  }

  /**
   * With an {@code Idempotency-Key} the command's events commit with the key's row, after this: the
   * command counts as accepted only if that commit succeeds, and as an error (the client gets a
   * 500) if it does not.
   */
  private void recordAccepted(Class<?> type, long nanos) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      metrics.record(type, CommandMetrics.Outcome.ACCEPTED, nanos);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            metrics.record(
                type,
                status == STATUS_COMMITTED
                    ? CommandMetrics.Outcome.ACCEPTED
                    : CommandMetrics.Outcome.ERROR,
                nanos);
          }
        });
  }

  /**
   * Runs an endpoint's work once per idempotency key, or simply runs it when there is none.
   *
   * @param body the parsed request body, part of the request's fingerprint
   */
  public ResponseEntity<?> once(
      Caller caller,
      String idempotencyKey,
      HttpServletRequest request,
      Object body,
      Supplier<ResponseEntity<?>> work) {
    if (idempotencyKey == null) {
      return work.get();
    }
    return idempotency.execute(caller.id(), idempotencyKey, fingerprint(request, body), work);
  }

  private String fingerprint(HttpServletRequest request, Object body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(request.getMethod().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) ' ');
      digest.update(request.getRequestURI().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
      digest.update(mapper.writeValueAsBytes(body));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }
}
