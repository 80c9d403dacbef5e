package io.prazo.web.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details with Prazo's problem types. */
public final class Problems {

  /** One invalid field of a request. */
  public record FieldError(String field, String message) {}

  private Problems() {}

  public static URI type(String slug) {
    return URI.create("urn:prazo:problem:" + slug);
  }

  public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type(slug));
    problem.setTitle(title);
    return problem;
  }

  public static ProblemDetail invalid(String detail, List<FieldError> errors) {
    ProblemDetail problem =
        of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    problem.setProperty(
        "errors",
        errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return problem;
  }
}
