package io.prazo.web.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The token issuer of a deployed service: each service's yml sets {@code prazo.security.issuer-uri}
 * and {@code prazo.security.jwk-set-uri} from {@code PRAZO_JWT_ISSUER_URI} and {@code
 * PRAZO_JWT_JWK_SET_URI}, and this passes on to Spring Boot's resource server only the ones that
 * are set. An empty value must be absent, not empty: Spring Boot would require tokens whose {@code
 * iss} is the empty string, and refuse every real one. With neither set (and the dev issuer off)
 * the service stops at once, saying which variables to set, instead of failing later deep in bean
 * creation. Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.*}, when set, win.
 */
public class TokenIssuerSettings implements EnvironmentPostProcessor {
  static final String ISSUER_URI = "prazo.security.issuer-uri";
  static final String JWK_SET_URI = "prazo.security.jwk-set-uri";
  static final String SPRING_ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
  static final String SPRING_JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
  static final String DEV_ISSUER = "prazo.security.dev-issuer.enabled";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getProperty(DEV_ISSUER, Boolean.class, false)
        || !(environment.containsProperty(ISSUER_URI)
            || environment.containsProperty(JWK_SET_URI))) {
      return;
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    String issuer = nonBlank(environment, ISSUER_URI);
    if (issuer != null) {
      settings.put(SPRING_ISSUER_URI, issuer);
    }
    String jwkSet = nonBlank(environment, JWK_SET_URI);
    if (jwkSet != null) {
      settings.put(SPRING_JWK_SET_URI, jwkSet);
    }
    if (settings.isEmpty()
        && nonBlank(environment, SPRING_ISSUER_URI) == null
        && nonBlank(environment, SPRING_JWK_SET_URI) == null) {
      throw new IllegalStateException(
          "No token issuer is configured: set PRAZO_JWT_ISSUER_URI (your OAuth2 issuer; tokens"
              + " must name it, and its discovery document names its keys) or"
              + " PRAZO_JWT_JWK_SET_URI (its JWK set), or both. For development only, "
              + DEV_ISSUER
              + "=true makes this service issue and trust its own tokens.");
    }
    environment.getPropertySources().addLast(new MapPropertySource("prazoTokenIssuer", settings));
  }

  private static String nonBlank(ConfigurableEnvironment environment, String key) {
    String value = environment.getProperty(key);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
