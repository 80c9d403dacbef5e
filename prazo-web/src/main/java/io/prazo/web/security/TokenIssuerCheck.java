package io.prazo.web.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops a deployed service at once when it has no token issuer: its settings name the issuer
 * properties (as each service's own yml does, from {@code PRAZO_JWT_ISSUER_URI} and {@code
 * PRAZO_JWT_JWK_SET_URI}) but both are empty and the dev issuer is off. Without this check Spring
 * Boot fails later, deep in bean creation, with "jwkSetUri cannot be empty".
 */
public class TokenIssuerCheck implements EnvironmentPostProcessor {
  static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
  static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
  static final String DEV_ISSUER = "prazo.security.dev-issuer.enabled";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getProperty(DEV_ISSUER, Boolean.class, false)) {
      return;
    }
    boolean named =
        environment.containsProperty(ISSUER_URI) || environment.containsProperty(JWK_SET_URI);
    if (named && blank(environment, ISSUER_URI) && blank(environment, JWK_SET_URI)) {
      throw new IllegalStateException(
          "No token issuer is configured: set PRAZO_JWT_ISSUER_URI (your OAuth2 issuer, whose"
              + " discovery document names its keys) or PRAZO_JWT_JWK_SET_URI (its JWK set), i.e. "
              + ISSUER_URI
              + " or "
              + JWK_SET_URI
              + ". For development only, "
              + DEV_ISSUER
              + "=true makes this service issue and trust its own tokens.");
    }
  }

  private static boolean blank(ConfigurableEnvironment environment, String key) {
    String value = environment.getProperty(key);
    return value == null || value.isBlank();
  }
}
