package io.prazo.web.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import io.prazo.events.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs development tokens with a local RSA key (RS256). The key pair is kept in a file so that
 * tokens stay valid across restarts of the standalone launcher. Tokens are timed by the real clock,
 * never the business test clock, so moving test time does not expire them.
 */
public final class DevTokenIssuer {
  private final RSAPublicKey publicKey;
  private final NimbusJwtEncoder encoder;
  private final String issuer;
  private final Duration ttl;
  private final Clock clock;

  public DevTokenIssuer(KeyPair keys, String issuer, Duration ttl, Clock clock) {
    this.publicKey = (RSAPublicKey) keys.getPublic();
    RSAKey jwk =
        new RSAKey.Builder(publicKey)
            .privateKey((RSAPrivateKey) keys.getPrivate())
            .keyID("prazo-dev")
            .build();
    this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(jwk)));
    this.issuer = issuer;
    this.ttl = ttl;
    this.clock = clock;
  }

  public static DevTokenIssuer fromProperties(PrazoSecurityProperties.DevIssuer props) {
    return fromProperties(props, Clock.systemUTC());
  }

  /** An issuer whose tokens are timed by the given clock (tests make expired tokens with it). */
  public static DevTokenIssuer fromProperties(
      PrazoSecurityProperties.DevIssuer props, Clock clock) {
    KeyPair keys = props.keyFile() == null ? generate() : loadOrCreate(props.keyFile());
    return new DevTokenIssuer(keys, props.issuer(), props.tokenTtl(), clock);
  }

  /** A signed token for a subject with roles and an optional organization. */
  public IssuedToken issue(String subject, Collection<Role> roles, String organizationId) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(ttl);
    JwtClaimsSet.Builder claims =
        JwtClaimsSet.builder()
            .issuer(issuer)
            .subject(subject)
            .issuedAt(now)
            .expiresAt(expiresAt)
            .claim(JwtRoles.ROLES_CLAIM, roles.stream().map(Role::wireName).toList());
    if (organizationId != null) {
      claims.claim(JwtRoles.ORG_CLAIM, organizationId);
    }
    JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("prazo-dev").build();
    String token =
        encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    return new IssuedToken(token, expiresAt);
  }

  /** A decoder that trusts exactly this issuer's tokens. */
  public JwtDecoder decoder() {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey).build();
    JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
    timestamps.setClock(clock);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(List.of(timestamps, new JwtIssuerValidator(issuer))));
    return decoder;
  }

  /** A token and when it stops being valid. */
  public record IssuedToken(String token, Instant expiresAt) {}

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  private static KeyPair loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        return new KeyPair(
            rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))),
            rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))));
      }
      KeyPair keys = generate();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(
          tmp,
          List.of(
              Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
              Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())),
          StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on file systems without POSIX permissions
      }
      Files.move(tmp, file);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the dev issuer key in " + file, e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("the dev issuer key file " + file + " is unreadable", e);
    }
  }
}
