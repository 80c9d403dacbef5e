package io.prazo.web.security;

import io.prazo.events.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /dev/tokens}: development tokens, served only when the dev issuer is enabled. */
@RestController
@Tag(name = "Development")
public class DevTokenController {
  private final DevTokenIssuer issuer;

  public DevTokenController(DevTokenIssuer issuer) {
    this.issuer = issuer;
  }

  /** What a development token should say. */
  public record TokenRequest(
      @NotBlank @Size(max = 200) String sub,
      @NotEmpty Set<Role> roles,
      @Size(max = 200) String org) {}

  /** A signed token. */
  public record TokenResponse(String token, Instant expiresAt) {}

  @Operation(summary = "Issue a signed development token (standalone mode only)")
  @PostMapping("/dev/tokens")
  public TokenResponse issue(@Valid @RequestBody TokenRequest request) {
    DevTokenIssuer.IssuedToken token = issuer.issue(request.sub(), request.roles(), request.org());
    return new TokenResponse(token.token(), token.expiresAt());
  }
}
