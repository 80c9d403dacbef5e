package io.prazo.apart;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test or its set-up fails, prints what every process started by the test printed last
 * (their whole output is in {@code target/apart-it/run-.../logs}), then lets the failure through.
 */
final class PrintProcessLogsOnFailure
    implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    print(context);
    throw failure;
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    print(context);
    throw failure;
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    print(context);
    throw failure;
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    print(context);
    throw failure;
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    print(context);
    throw failure;
  }

  private static void print(ExtensionContext context) {
    System.out.printf("%n%s failed; what the processes printed last:%n", context.getDisplayName());
    PrazoApart.printLogs(System.out);
    System.out.flush();
  }
}
