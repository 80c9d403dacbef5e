package io.prazo.web.security;

import io.prazo.web.problem.ProblemResponses;
import io.prazo.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 answers from the security filters, as problem+json. */
public class ProblemAuthenticationHandlers
    implements AuthenticationEntryPoint, AccessDeniedHandler {
  private final ProblemResponses problems;

  public ProblemAuthenticationHandlers(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
      throws IOException {
    String detail = "A valid bearer token is required.";
    String header = "Bearer";
    if (ex instanceof OAuth2AuthenticationException oauth) {
      String description = oauth.getError().getDescription();
      detail =
          "The bearer token was refused"
              + (description == null ? "." : ": " + sanitize(description));
      header = "Bearer error=\"" + oauth.getError().getErrorCode() + "\"";
    }
    response.setHeader("WWW-Authenticate", header);
    problems.write(
        response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
      throws IOException {
    problems.write(
        response,
        Problems.of(
            HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your roles do not allow this."));
  }

  private static String sanitize(String description) {
    String oneLine = description.replaceAll("[\\r\\n]+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) : oneLine;
  }
}
