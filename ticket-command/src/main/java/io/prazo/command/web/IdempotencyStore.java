package io.prazo.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.web.problem.ProblemAdvice;
import io.prazo.web.problem.Problems;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable idempotency keys. The first request with a (principal, key) pair runs; its answer is
 * stored in the same transaction as the events it appends, and every later request with that pair
 * gets the same answer. Concurrent requests with one key wait on the key's row (PostgreSQL's unique
 * index holds the second insert until the first transaction ends), so exactly one runs. A key sent
 * again with a different request is refused with 422. Server errors are not remembered: the request
 * may be retried.
 */
@Component
public class IdempotencyStore {
  static final String HEADER = "Idempotency-Key";
  private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
  private static final List<String> KEPT_HEADERS =
      List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.CONTENT_TYPE);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ObjectMapper mapper;
  private final CommandProblems problems;
  private final Clock clock;
  private final Cache aggregates;

  public IdempotencyStore(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      ObjectMapper mapper,
      CommandProblems problems,
      Clock clock,
      @Qualifier("ticketCache") Cache aggregates) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.mapper = mapper;
    this.problems = problems;
    this.clock = clock;
    this.aggregates = aggregates;
  }

  /** Runs a request at most once per key; answers repeats from the store. */
  public ResponseEntity<?> execute(
      String principalId, String key, String fingerprint, Supplier<ResponseEntity<?>> action) {
    if (!SANE_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "Idempotency-Key must be 1 to 255 visible ASCII characters");
    }
    ResponseEntity<?> answer;
    try {
      answer =
          transactions.execute(
              status -> {
                int claimed =
                    jdbc.update(
                        "INSERT INTO idempotency_key (principal_id, idem_key, fingerprint, status,"
                            + " headers, body, created_at) VALUES (?, ?, ?, 0, '{}', NULL, ?)"
                            + " ON CONFLICT DO NOTHING",
                        principalId,
                        key,
                        fingerprint,
                        Timestamp.from(clock.instant()));
                if (claimed == 0) {
                  return null;
                }
                // Axon caches the aggregate when its unit of work commits, which here is before
                // this transaction does: if this one then fails, the cache must not keep events
                // the store never got.
                TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                      @Override
                      public void afterCompletion(int status) {
                        if (status != STATUS_COMMITTED) {
                          aggregates.removeAll();
                        }
                      }
                    });
                ResponseEntity<?> result;
                try {
                  result = action.get();
                } catch (RuntimeException e) {
                  status.setRollbackOnly();
                  throw new Refused(e);
                }
                Stored stored = Stored.of(result, mapper);
                jdbc.update(
                    "UPDATE idempotency_key SET status = ?, headers = ?, body = ?"
                        + " WHERE principal_id = ? AND idem_key = ?",
                    stored.status,
                    stored.headers,
                    stored.body,
                    principalId,
                    key);
                return result;
              });
    } catch (Refused refused) {
      ResponseEntity<Object> refusal =
          problems.answer(refused.getCause()).orElseThrow(() -> refused.cause());
      Stored stored = Stored.of(refusal, mapper);
      int inserted =
          transactions.execute(
              status ->
                  jdbc.update(
                      "INSERT INTO idempotency_key (principal_id, idem_key, fingerprint, status,"
                          + " headers, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                          + " ON CONFLICT DO NOTHING",
                      principalId,
                      key,
                      fingerprint,
                      stored.status,
                      stored.headers,
                      stored.body,
                      Timestamp.from(clock.instant())));
      return inserted == 1 ? refusal : replay(principalId, key, fingerprint);
    }
    return answer != null ? answer : replay(principalId, key, fingerprint);
  }

  private ResponseEntity<?> replay(String principalId, String key, String fingerprint) {
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT fingerprint, status, headers, body FROM idempotency_key"
                + " WHERE principal_id = ? AND idem_key = ?",
            principalId,
            key);
    if (!fingerprint.equals(row.get("fingerprint"))) {
      return ProblemAdvice.problem(
          Problems.of(
              HttpStatus.UNPROCESSABLE_ENTITY,
              "idempotency-key-reused",
              "Idempotency key reused",
              "This Idempotency-Key was already used with a different request."));
    }
    HttpHeaders headers = new HttpHeaders();
    try {
      Map<String, String> kept =
          mapper.readValue((String) row.get("headers"), new TypeReference<>() {});
      kept.forEach(headers::set);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored idempotent answer has unreadable headers", e);
    }
    headers.set("Idempotent-Replayed", "true");
    return ResponseEntity.status((Integer) row.get("status"))
        .headers(headers)
        .body((byte[]) row.get("body"));
  }

  private record Stored(int status, String headers, byte[] body) {
    static Stored of(ResponseEntity<?> response, ObjectMapper mapper) {
      Map<String, String> kept = new LinkedHashMap<>();
      for (String name : KEPT_HEADERS) {
        String value = response.getHeaders().getFirst(name);
        if (value != null) {
          kept.put(name, value);
        }
      }
      try {
        if (!kept.containsKey(HttpHeaders.CONTENT_TYPE) && response.getBody() != null) {
          kept.put(
              HttpHeaders.CONTENT_TYPE,
              response.getStatusCode().isError() ? "application/problem+json" : "application/json");
        }
        byte[] body =
            response.getBody() == null ? null : mapper.writeValueAsBytes(response.getBody());
        return new Stored(response.getStatusCode().value(), mapper.writeValueAsString(kept), body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot store an idempotent answer", e);
      }
    }
  }

  private static final class Refused extends RuntimeException {
    Refused(RuntimeException cause) {
      super(cause);
    }

    RuntimeException cause() {
      return (RuntimeException) getCause();
    }
  }
}
