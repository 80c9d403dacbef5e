package io.prazo.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error Spring MVC sees into {@code application/problem+json}. Services add their own
 * advice, ordered before this one, for their domain's exceptions. Anything unexpected is a 500
 * whose body says nothing about the cause; the cause goes to the log.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Problems.FieldError> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(e -> new Problems.FieldError(e.getField(), e.getDefaultMessage()))
            .collect(Collectors.toList());
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(
            e -> errors.add(new Problems.FieldError(e.getObjectName(), e.getDefaultMessage())));
    return problem(Problems.invalid("The request has invalid fields.", errors));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Problems.FieldError> errors =
        ex.getParameterValidationResults().stream()
            .flatMap(
                r ->
                    r.getResolvableErrors().stream()
                        .map(
                            e ->
                                new Problems.FieldError(
                                    r.getMethodParameter().getParameterName(),
                                    e.getDefaultMessage())))
            .toList();
    return problem(Problems.invalid("The request has invalid parameters.", errors));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    PayloadTooLargeException tooLarge = causeOf(ex, PayloadTooLargeException.class);
    if (tooLarge != null) {
      return payloadTooLarge(tooLarge);
    }
    Throwable cause = ex.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return problem(
          Problems.invalid(
              "The request has an unknown field.",
              List.of(new Problems.FieldError(path(unknown), "unknown field"))));
    }
    if (cause instanceof InvalidFormatException invalid) {
      String message;
      if (invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
        message =
            "'"
                + invalid.getValue()
                + "' is not one of "
                + Arrays.toString(invalid.getTargetType().getEnumConstants());
      } else {
        message =
            "'" + invalid.getValue() + "' is not a valid " + typeName(invalid.getTargetType());
      }
      return problem(
          Problems.invalid(
              "The request has a value of the wrong form.",
              List.of(new Problems.FieldError(path(invalid), message))));
    }
    if (cause instanceof MismatchedInputException mismatched && mismatched.getPath().isEmpty()) {
      return problem(
          Problems.invalid(
              "The request body must be a JSON object.",
              List.of(new Problems.FieldError("body", "expected an object"))));
    }
    if (cause instanceof MismatchedInputException mismatched) {
      return problem(
          Problems.invalid(
              "The request has a value of the wrong type.",
              List.of(
                  new Problems.FieldError(
                      path(mismatched), "expected " + typeName(mismatched.getTargetType())))));
    }
    if (cause instanceof JsonMappingException mapping
        && mapping.getCause() instanceof IllegalArgumentException illegal
        && !mapping.getPath().isEmpty()) {
      return problem(
          Problems.invalid(
              "The request has an invalid value.",
              List.of(new Problems.FieldError(path(mapping), illegal.getMessage()))));
    }
    if (cause instanceof JsonProcessingException json) {
      String where =
          json.getLocation() == null
              ? ""
              : " at line "
                  + json.getLocation().getLineNr()
                  + ", column "
                  + json.getLocation().getColumnNr();
      return problem(
          Problems.of(
              HttpStatus.BAD_REQUEST,
              "malformed-json",
              "Malformed JSON",
              "The request body is not valid JSON" + where + "."));
    }
    return problem(
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "unreadable-body",
            "Unreadable request body",
            "The request body is missing or cannot be read."));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(ex, body, headers, statusCode, request);
    if (response != null && response.getBody() instanceof ProblemDetail problem) {
      if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
        problem.setType(Problems.type("http-" + statusCode.value()));
      }
    }
    return response;
  }

  @ExceptionHandler(ConstraintViolationException.class)
  public ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
    List<Problems.FieldError> errors =
        ex.getConstraintViolations().stream()
            .map(v -> new Problems.FieldError(v.getPropertyPath().toString(), v.getMessage()))
            .toList();
    return problem(Problems.invalid("The request has invalid values.", errors));
  }

  @ExceptionHandler(InvalidRequestException.class)
  public ResponseEntity<Object> invalidRequest(InvalidRequestException ex) {
    return problem(Problems.invalid(ex.getMessage(), ex.errors()));
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  public ResponseEntity<Object> payloadTooLarge(PayloadTooLargeException ex) {
    return problem(
        Problems.of(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "payload-too-large",
            "Request body too large",
            "The request body must not exceed " + ex.limit() + " bytes."));
  }

  @ExceptionHandler(AccessDeniedException.class)
  public ResponseEntity<Object> accessDenied(AccessDeniedException ex) {
    return problem(
        Problems.of(
            HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your roles do not allow this."));
  }

  @ExceptionHandler(AuthenticationException.class)
  public ResponseEntity<Object> unauthenticated(AuthenticationException ex) {
    return problem(
        Problems.of(
            HttpStatus.UNAUTHORIZED,
            "unauthorized",
            "Unauthorized",
            "A valid bearer token is required."));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  public ResponseEntity<Object> illegalArgument(IllegalArgumentException ex) {
    return problem(
        Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage()));
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<Object> unexpected(Exception ex) {
    log.error("Unexpected error while handling a request", ex);
    return problem(
        Problems.of(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal error",
            "The request could not be completed. It has been logged."));
  }

  public static ResponseEntity<Object> problem(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  private static String path(JsonMappingException ex) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : ex.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (Number.class.isAssignableFrom(type)
        || type == int.class
        || type == long.class
        || type == double.class) {
      return "number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type == String.class) {
      return "string";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (type.getName().startsWith("java.time.")) {
      return type.getSimpleName() + " in ISO-8601 form";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "array";
    }
    return "object";
  }

  private static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
