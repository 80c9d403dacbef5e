package io.prazo.apart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OAuth2 token issuer of the services under test, as an identity provider is in production: an
 * RSA key of its own, its public half served as a JWK set over HTTP on the loopback interface
 * ({@link #jwkSetUri()}), and JWTs signed with it carrying Prazo's claims ({@code sub}, {@code
 * roles}, {@code org}), its {@link #issuerUri()} as {@code iss}.
 */
final class TestTokenIssuer implements AutoCloseable {
  private static final String KEY_ID = "prazo-apart-it";
  private static final Duration TOKEN_TTL = Duration.ofHours(1);

  private final RSAKey key;
  private final HttpServer server;
  private final AtomicInteger jwkSetRequests = new AtomicInteger();

  private TestTokenIssuer(RSAKey key, HttpServer server) {
    this.key = key;
    this.server = server;
  }

  static TestTokenIssuer start() {
    RSAKey key = newKey();
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      TestTokenIssuer issuer = new TestTokenIssuer(key, server);
      byte[] jwkSet = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
      server.createContext(
          "/jwks.json",
          exchange -> {
            issuer.jwkSetRequests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwkSet.length);
            try (OutputStream body = exchange.getResponseBody()) {
              body.write(jwkSet);
            }
          });
      server.start();
      return issuer;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve the test JWK set", e);
    }
  }

  /** The {@code iss} of every token; the services are given it as {@code PRAZO_JWT_ISSUER_URI}. */
  String issuerUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Where the public key is; the services are given it as {@code PRAZO_JWT_JWK_SET_URI}. */
  String jwkSetUri() {
    return issuerUri() + "/jwks.json";
  }

  /** How often the JWK set was fetched: the services really look the key up here. */
  int jwkSetRequests() {
    return jwkSetRequests.get();
  }

  /**
   * A token valid for an hour.
   *
   * @param organization the customer's organization ({@code org}), or null
   */
  String token(String subject, String role, String organization) {
    return sign(key, subject, role, organization, issuerUri(), Instant.now());
  }

  /**
   * A token exactly like {@link #token} (same key id, issuer and claims) but signed by another RSA
   * key: what a forger who knows everything but the private key can make.
   */
  String forgedToken(String subject, String role, String organization) {
    return sign(newKey(), subject, role, organization, issuerUri(), Instant.now());
  }

  /** A token signed with the right key that names another issuer. */
  String tokenOfAnotherIssuer(String subject, String role, String organization) {
    return sign(key, subject, role, organization, "http://127.0.0.1:1/elsewhere", Instant.now());
  }

  /** A token signed with the right key that expired two hours ago. */
  String expiredToken(String subject, String role, String organization) {
    return sign(
        key,
        subject,
        role,
        organization,
        issuerUri(),
        Instant.now().minus(TOKEN_TTL).minus(Duration.ofHours(2)));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static String sign(
      RSAKey key, String subject, String role, String organization, String issuer, Instant now) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(subject)
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now.minusSeconds(5)))
            .expirationTime(Date.from(now.plus(TOKEN_TTL)))
            .claim("roles", List.of(role));
    if (organization != null) {
      claims.claim("org", organization);
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(KEY_ID)
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a test token", e);
    }
    return jwt.serialize();
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048)
          .keyID(KEY_ID)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot generate an RSA key", e);
    }
  }
}
