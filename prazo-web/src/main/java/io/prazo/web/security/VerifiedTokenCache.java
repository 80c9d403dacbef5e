package io.prazo.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens whose signature and claims were already verified, so a client that sends the
 * same token with every request pays for the RSA check once. A remembered token is only the exact
 * same string, and its expiry is checked again on every use; any other token goes to the wrapped
 * decoder.
 */
public final class VerifiedTokenCache implements JwtDecoder {
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  private final JwtDecoder delegate;
  private final Clock clock;
  private final Cache<String, Jwt> verified;

  public VerifiedTokenCache(JwtDecoder delegate, Clock clock, long maximumSize, Duration keepFor) {
    this.delegate = delegate;
    this.clock = clock;
    this.verified =
        Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(keepFor).build();
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt known = verified.getIfPresent(token);
    if (known != null) {
      Instant expiresAt = known.getExpiresAt();
      if (expiresAt == null || clock.instant().isBefore(expiresAt.plus(CLOCK_SKEW))) {
        return known;
      }
      verified.invalidate(token);
    }
    Jwt jwt = delegate.decode(token);
    verified.put(token, jwt);
    return jwt;
  }

  /** Whether a token is remembered (for tests). */
  boolean remembers(String token) {
    return verified.getIfPresent(token) != null;
  }
}
