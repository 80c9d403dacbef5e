package io.prazo.web.security;

import static io.prazo.web.security.TokenIssuerSettings.ISSUER_URI;
import static io.prazo.web.security.TokenIssuerSettings.JWK_SET_URI;
import static io.prazo.web.security.TokenIssuerSettings.SPRING_ISSUER_URI;
import static io.prazo.web.security.TokenIssuerSettings.SPRING_JWK_SET_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TokenIssuerSettingsTest {
  private final TokenIssuerSettings settings = new TokenIssuerSettings();

  @Test
  void anEmptyIssuerIsAbsentNotEmptySoTokensNeedNoIssuer() {
    StandardEnvironment environment =
        run(Map.of(ISSUER_URI, "", JWK_SET_URI, "http://127.0.0.1:9000/jwks"));
    assertThat(environment.getProperty(SPRING_JWK_SET_URI)).isEqualTo("http://127.0.0.1:9000/jwks");
    assertThat(environment.containsProperty(SPRING_ISSUER_URI)).isFalse();
  }

  @Test
  void anIssuerAloneOrBothArePassedOn() {
    StandardEnvironment alone =
        run(Map.of(ISSUER_URI, " https://login.example/realms/desk ", JWK_SET_URI, ""));
    assertThat(alone.getProperty(SPRING_ISSUER_URI)).isEqualTo("https://login.example/realms/desk");
    assertThat(alone.containsProperty(SPRING_JWK_SET_URI)).isFalse();

    StandardEnvironment both =
        run(Map.of(ISSUER_URI, "https://login.example", JWK_SET_URI, "https://login.example/k"));
    assertThat(both.getProperty(SPRING_ISSUER_URI)).isEqualTo("https://login.example");
    assertThat(both.getProperty(SPRING_JWK_SET_URI)).isEqualTo("https://login.example/k");
  }

  @Test
  void springBootsOwnSettingsWin() {
    StandardEnvironment environment =
        run(
            Map.of(
                ISSUER_URI, "https://ours.example",
                SPRING_ISSUER_URI, "https://explicit.example"));
    assertThat(environment.getProperty(SPRING_ISSUER_URI)).isEqualTo("https://explicit.example");
    StandardEnvironment springOnly =
        run(Map.of(ISSUER_URI, "", JWK_SET_URI, "", SPRING_JWK_SET_URI, "https://k.example"));
    assertThat(springOnly.getProperty(SPRING_JWK_SET_URI)).isEqualTo("https://k.example");
  }

  @Test
  void aDeployedServiceWithNoIssuerStopsSayingWhatToSet() {
    assertThatThrownBy(() -> run(Map.of(ISSUER_URI, "", JWK_SET_URI, " ")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PRAZO_JWT_ISSUER_URI")
        .hasMessageContaining("PRAZO_JWT_JWK_SET_URI");
    assertThatThrownBy(() -> run(Map.of(JWK_SET_URI, "")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theDevIssuerNeedsNoOther() {
    StandardEnvironment environment =
        run(Map.of(TokenIssuerSettings.DEV_ISSUER, "true", ISSUER_URI, "", JWK_SET_URI, ""));
    assertThat(environment.containsProperty(SPRING_ISSUER_URI)).isFalse();
  }

  @Test
  void anApplicationThatNamesNoIssuerSettingIsLeftAlone() {
    StandardEnvironment environment = run(Map.of("server.port", "0"));
    assertThat(environment.getPropertySources().contains("prazoTokenIssuer")).isFalse();
  }

  private StandardEnvironment run(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    settings.postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }
}
