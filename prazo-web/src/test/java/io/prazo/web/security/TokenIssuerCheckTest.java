package io.prazo.web.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TokenIssuerCheckTest {
  private final TokenIssuerCheck check = new TokenIssuerCheck();

  @Test
  void stopsADeployedServiceWhoseIssuerSettingsAreBothEmpty() {
    assertThatThrownBy(
            () -> run(Map.of(TokenIssuerCheck.ISSUER_URI, "", TokenIssuerCheck.JWK_SET_URI, " ")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PRAZO_JWT_ISSUER_URI")
        .hasMessageContaining("PRAZO_JWT_JWK_SET_URI");
    assertThatThrownBy(() -> run(Map.of(TokenIssuerCheck.JWK_SET_URI, "")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void eitherIssuerSettingIsEnough() {
    assertThatCode(
            () ->
                run(
                    Map.of(
                        TokenIssuerCheck.ISSUER_URI,
                        "https://login.example/realms/desk",
                        TokenIssuerCheck.JWK_SET_URI,
                        "")))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                run(
                    Map.of(
                        TokenIssuerCheck.ISSUER_URI,
                        "",
                        TokenIssuerCheck.JWK_SET_URI,
                        "http://127.0.0.1:9000/jwks")))
        .doesNotThrowAnyException();
  }

  @Test
  void theDevIssuerNeedsNoOther() {
    assertThatCode(
            () ->
                run(
                    Map.of(
                        TokenIssuerCheck.DEV_ISSUER,
                        "true",
                        TokenIssuerCheck.ISSUER_URI,
                        "",
                        TokenIssuerCheck.JWK_SET_URI,
                        "")))
        .doesNotThrowAnyException();
  }

  @Test
  void anApplicationThatNamesNoIssuerSettingIsLeftAlone() {
    assertThatCode(() -> run(Map.of("server.port", "0"))).doesNotThrowAnyException();
  }

  private void run(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    check.postProcessEnvironment(environment, new SpringApplication());
  }
}
