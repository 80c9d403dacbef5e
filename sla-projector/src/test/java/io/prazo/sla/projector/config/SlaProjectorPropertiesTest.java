package io.prazo.sla.projector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SlaProjectorPropertiesTest {

  private static SlaProjectorProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("prazo.sla.projector", SlaProjectorProperties.class);
  }

  @Test
  void anEmptyCommandTokenCountsAsNoneSoTheDevIssuerCanSignOne() {
    // sla-projector.yml: command-token: ${PRAZO_SLA_PROJECTOR_COMMAND_TOKEN:}
    assertThat(bind(Map.of("prazo.sla.projector.command-token", "")).commandToken()).isNull();
    assertThat(bind(Map.of("prazo.sla.projector.command-token", "  ")).commandToken()).isNull();
    assertThat(bind(Map.of()).commandToken()).isNull();
  }

  @Test
  void aGivenCommandTokenIsKeptWithoutSurroundingWhitespace() {
    assertThat(bind(Map.of("prazo.sla.projector.command-token", " eyJ.abc.def\n")).commandToken())
        .isEqualTo("eyJ.abc.def");
  }
}
