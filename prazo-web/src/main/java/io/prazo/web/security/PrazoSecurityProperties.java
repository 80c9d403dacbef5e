package io.prazo.web.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code prazo.security.*}: how tokens are checked.
 *
 * @param publicMetrics whether {@code /actuator/prometheus} is readable without a token
 * @param devIssuer the development token issuer (standalone mode only)
 */
@ConfigurationProperties("prazo.security")
public record PrazoSecurityProperties(
    @DefaultValue("true") boolean publicMetrics, @DefaultValue DevIssuer devIssuer) {

  /**
   * The dev issuer signs tokens with a local RSA key and is the only issuer trusted when enabled.
   *
   * @param enabled whether {@code POST /dev/tokens} exists and its tokens are trusted
   * @param keyFile where the key pair is kept so tokens survive a restart; null keeps it in memory
   * @param issuer the {@code iss} claim written and required
   * @param tokenTtl how long a token is valid
   */
  public record DevIssuer(
      @DefaultValue("false") boolean enabled,
      Path keyFile,
      @DefaultValue("prazo-dev") String issuer,
      @DefaultValue("PT8H") Duration tokenTtl) {}
}
