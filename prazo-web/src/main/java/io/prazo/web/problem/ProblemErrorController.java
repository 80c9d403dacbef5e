package io.prazo.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that happen outside Spring MVC (in filters, in the servlet container) with a
 * problem body instead of Boot's default error JSON; never with a stack trace.
 */
@RestController
public class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value
            ? HttpStatus.resolve(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof PayloadTooLargeException tooLarge) {
        status = HttpStatus.PAYLOAD_TOO_LARGE;
        return ResponseEntity.status(status)
            .body(
                Problems.of(
                    status,
                    "payload-too-large",
                    "Request body too large",
                    "The request body must not exceed " + tooLarge.limit() + " bytes."));
      }
    }
    String detail =
        status.is5xxServerError()
            ? "The request could not be completed. It has been logged."
            : status.getReasonPhrase() + ".";
    return ResponseEntity.status(status)
        .body(Problems.of(status, "http-" + status.value(), status.getReasonPhrase(), detail));
  }
}
