package io.prazo.query.web;

import io.prazo.web.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** How the query service's own refusals are answered. */
@RestControllerAdvice(basePackages = "io.prazo.query")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueryProblems {

  /** 503 with Retry-After: the view will catch up; the client asks again. */
  @ExceptionHandler(TicketReader.ViewBehindException.class)
  public ResponseEntity<Object> viewBehind(TicketReader.ViewBehindException ex) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.SERVICE_UNAVAILABLE, "view-behind", "View not caught up", ex.getMessage());
    problem.setProperty("currentVersion", ex.version());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "1")
        .body(problem);
  }
}
