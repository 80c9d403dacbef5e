package io.prazo.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.events.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtRolesTest {

  private static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder builder =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .subject("ana")
            .issuedAt(Instant.EPOCH)
            .expiresAt(Instant.EPOCH.plusSeconds(60));
    claims.forEach(builder::claim);
    return builder.build();
  }

  @Test
  void readsRolesFromAListInAnyCaseAndDropsUnknownOnes() {
    Jwt token = jwt(Map.of("roles", List.of("Customer", "AGENT", "admin"), "org", "acme"));
    assertThat(JwtRoles.roles(token)).containsExactlyInAnyOrder(Role.CUSTOMER, Role.AGENT);
    assertThat(JwtRoles.authorities(token))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("ROLE_CUSTOMER", "ROLE_AGENT");
    assertThat(JwtRoles.caller(token))
        .isEqualTo(new Caller("ana", java.util.Set.of(Role.CUSTOMER, Role.AGENT), "acme"));
  }

  @Test
  void readsRolesFromASpaceOrCommaSeparatedString() {
    assertThat(JwtRoles.roles(jwt(Map.of("roles", "supervisor auditor"))))
        .containsExactlyInAnyOrder(Role.SUPERVISOR, Role.AUDITOR);
    assertThat(JwtRoles.roles(jwt(Map.of("roles", "system,agent"))))
        .containsExactlyInAnyOrder(Role.SYSTEM, Role.AGENT);
  }

  @Test
  void aTokenWithoutRolesHasNone() {
    assertThat(JwtRoles.roles(jwt(Map.of("scope", "read")))).isEmpty();
    assertThat(JwtRoles.caller(jwt(Map.of("scope", "read"))).organizationId()).isNull();
  }

  @Test
  void devTokensCarryTheClaimsAndAreCheckedByTheIssuersOwnDecoder() {
    DevTokenIssuer issuer =
        DevTokenIssuer.fromProperties(
            new PrazoSecurityProperties.DevIssuer(
                true, null, "prazo-dev", java.time.Duration.ofMinutes(5)));
    String token = issuer.issue("ana", List.of(Role.CUSTOMER), "acme").token();
    Jwt decoded = issuer.decoder().decode(token);
    assertThat(JwtRoles.caller(decoded))
        .isEqualTo(new Caller("ana", java.util.Set.of(Role.CUSTOMER), "acme"));
    assertThat(decoded.getClaimAsString("iss")).isEqualTo("prazo-dev");
  }

  @Test
  void theDevKeySurvivesARestartThroughItsFile(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    var props =
        new PrazoSecurityProperties.DevIssuer(
            true, dir.resolve("k"), "prazo-dev", java.time.Duration.ofMinutes(5));
    String token =
        DevTokenIssuer.fromProperties(props).issue("ana", List.of(Role.AGENT), null).token();
    assertThat(DevTokenIssuer.fromProperties(props).decoder().decode(token).getSubject())
        .isEqualTo("ana");
  }
}
