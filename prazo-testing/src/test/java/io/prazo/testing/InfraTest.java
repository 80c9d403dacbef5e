package io.prazo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class InfraTest {

  private static final BooleanSupplier MUST_NOT_ASK =
      () -> {
        throw new AssertionError("Docker must not be asked about");
      };

  @Test
  void theSystemPropertyWinsOverTheEnvironmentVariable() {
    assertThat(
            Infra.requested(
                Map.of("prazo.test.infra", "containers"), Map.of("PRAZO_TEST_INFRA", "embedded")))
        .isEqualTo(Infra.CONTAINERS);
    assertThat(Infra.requested(Map.of(), Map.of("PRAZO_TEST_INFRA", "Embedded")))
        .isEqualTo(Infra.EMBEDDED);
  }

  @Test
  void defaultsToAutoWhenUnsetBlankOrAnUnresolvedMavenPlaceholder() {
    assertThat(Infra.requested(Map.of(), Map.of())).isEqualTo(Infra.AUTO);
    assertThat(Infra.requested(Map.of("prazo.test.infra", " "), Map.of())).isEqualTo(Infra.AUTO);
    assertThat(Infra.requested(Map.of("prazo.test.infra", "${prazo.test.infra}"), Map.of()))
        .isEqualTo(Infra.AUTO);
    assertThat(
            Infra.requested(
                Map.of("prazo.test.infra", "${prazo.test.infra}"),
                Map.of("PRAZO_TEST_INFRA", "embedded")))
        .isEqualTo(Infra.EMBEDDED);
  }

  @Test
  void rejectsUnknownValuesNamingTheChoices() {
    assertThatThrownBy(() -> Infra.requested(Map.of("prazo.test.infra", "docker"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("embedded, containers or auto")
        .hasMessageContaining("'docker'");
  }

  @Test
  void autoPicksContainersWhenDockerAnswersAndEmbeddedOtherwise() {
    assertThat(Infra.AUTO.resolve(() -> true)).isEqualTo(Infra.CONTAINERS);
    assertThat(Infra.AUTO.resolve(() -> false)).isEqualTo(Infra.EMBEDDED);
  }

  @Test
  void explicitChoicesNeverAskDocker() {
    assertThat(Infra.EMBEDDED.resolve(MUST_NOT_ASK)).isEqualTo(Infra.EMBEDDED);
    assertThat(Infra.CONTAINERS.resolve(MUST_NOT_ASK)).isEqualTo(Infra.CONTAINERS);
  }
}
