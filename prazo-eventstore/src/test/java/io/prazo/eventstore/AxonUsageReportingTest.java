package io.prazo.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AxonUsageReportingTest {
  private String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(AxonUsageReporting.PROPERTY);
    System.clearProperty(AxonUsageReporting.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(AxonUsageReporting.PROPERTY);
    } else {
      System.setProperty(AxonUsageReporting.PROPERTY, before);
    }
  }

  @Test
  void turnsTheUpdateCheckerOffByDefault() {
    AxonUsageReporting.turnOffUnlessChosen(Map.<String, String>of()::get);
    assertThat(System.getProperty(AxonUsageReporting.PROPERTY)).isEqualTo("true");
  }

  @Test
  void leavesAnOperatorsChoiceAlone() {
    System.setProperty(AxonUsageReporting.PROPERTY, "false");
    AxonUsageReporting.turnOffUnlessChosen(Map.<String, String>of()::get);
    assertThat(System.getProperty(AxonUsageReporting.PROPERTY)).isEqualTo("false");

    System.clearProperty(AxonUsageReporting.PROPERTY);
    AxonUsageReporting.turnOffUnlessChosen(Map.of(AxonUsageReporting.VARIABLE, "false")::get);
    assertThat(System.getProperty(AxonUsageReporting.PROPERTY)).isNull();
  }
}
