package io.prazo.web.problem;

/** The request body is larger than the service accepts. */
public class PayloadTooLargeException extends RuntimeException {
  private final long limit;

  public PayloadTooLargeException(long limit) {
    super("the request body exceeds " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
