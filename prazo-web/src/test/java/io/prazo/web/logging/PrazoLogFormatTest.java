package io.prazo.web.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class PrazoLogFormatTest {

  @Test
  void plainIsTheDefaultAndKeepsTraceAndCorrelationIdsInTheLine() {
    MockEnvironment environment = new MockEnvironment();
    new PrazoLogFormat().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("logging.structured.format.console")).isNull();
    assertThat(environment.getProperty("logging.pattern.correlation"))
        .contains("%X{traceId:-}", "%X{spanId:-}", "%X{correlationId:-}");
  }

  @Test
  void jsonSwitchesTheConsoleToLogstashStructuredLogs() {
    MockEnvironment environment = new MockEnvironment().withProperty("prazo.log-format", "JSON");
    new PrazoLogFormat().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
  }

  @Test
  void aFormatSetDirectlyWinsOverTheDefault() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("prazo.log-format", "json")
            .withProperty("logging.structured.format.console", "ecs");
    new PrazoLogFormat().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
  }

  @Test
  void anUnknownFormatStopsTheServiceWithItsName() {
    MockEnvironment environment = new MockEnvironment().withProperty("prazo.log-format", "xml");

    assertThatThrownBy(
            () -> new PrazoLogFormat().postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PRAZO_LOG_FORMAT")
        .hasMessageContaining("'xml'");
    assertThat(PrazoLogFormat.json(" ")).isFalse();
    assertThat(PrazoLogFormat.json("plain")).isFalse();
  }
}
