package io.prazo.eventstore;

import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps Axon's update checker from reporting usage to AxonIQ's servers, which it does by default: a
 * support desk's ticket service talks to no third party unless its operator says so. Sets the JVM's
 * {@value #PROPERTY} to {@code true} before Axon starts, unless the operator already chose, with
 * that property or the {@value #VARIABLE} environment variable ({@code false} turns the checker
 * back on).
 */
public class AxonUsageReporting implements EnvironmentPostProcessor {
  static final String PROPERTY = "axoniq.update-checker.disabled";
  static final String VARIABLE = "AXONIQ_UPDATE_CHECKER_DISABLED";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    turnOffUnlessChosen(System::getenv);
  }

  static void turnOffUnlessChosen(Function<String, String> environmentVariables) {
    if (System.getProperty(PROPERTY) == null && environmentVariables.apply(VARIABLE) == null) {
      System.setProperty(PROPERTY, "true");
    }
  }
}
