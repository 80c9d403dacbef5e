package io.prazo.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.events.Role;
import io.prazo.web.clock.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class VerifiedTokenCacheTest {
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private final TestClock time = new TestClock(NOW);
  private final DevTokenIssuer issuer =
      DevTokenIssuer.fromProperties(
          new PrazoSecurityProperties.DevIssuer(true, null, "prazo-dev", Duration.ofMinutes(5)),
          time);
  private final AtomicInteger verifications = new AtomicInteger();
  private final JwtDecoder counting =
      token -> {
        verifications.incrementAndGet();
        return issuer.decoder().decode(token);
      };

  @Test
  void verifiesTheSameTokenOnce() {
    VerifiedTokenCache cache = new VerifiedTokenCache(counting, time, 100, Duration.ofMinutes(10));
    String token = issuer.issue("ana", List.of(Role.CUSTOMER), "acme").token();
    for (int i = 0; i < 5; i++) {
      assertThat(cache.decode(token).getSubject()).isEqualTo("ana");
    }
    assertThat(verifications).hasValue(1);
    assertThat(cache.remembers(token)).isTrue();
  }

  @Test
  void aRememberedTokenStillExpires() {
    VerifiedTokenCache cache = new VerifiedTokenCache(counting, time, 100, Duration.ofHours(1));
    String token = issuer.issue("ana", List.of(Role.CUSTOMER), "acme").token();
    cache.decode(token);
    time.moveTo(NOW.plus(Duration.ofMinutes(6)));
    assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
    assertThat(cache.remembers(token)).isFalse();
  }

  @Test
  void aRefusedTokenIsNeverRemembered() {
    VerifiedTokenCache cache =
        new VerifiedTokenCache(counting, Clock.systemUTC(), 100, Duration.ofMinutes(10));
    String forged = issuer.issue("ana", List.of(Role.SUPERVISOR), null).token() + "x";
    assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
    assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
    assertThat(verifications).hasValue(2);
    assertThat(cache.remembers(forged)).isFalse();
  }
}
