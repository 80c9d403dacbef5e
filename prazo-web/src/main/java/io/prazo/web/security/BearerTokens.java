package io.prazo.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Reads the bearer token from the {@code Authorization} header (RFC 6750 §2.1) with a character
 * check instead of the default resolver's regular expression; the rules are the same: the scheme
 * {@code Bearer} in any case, one space, then base64url/token68 characters with optional {@code =}
 * padding. Tokens in query parameters or form bodies are not accepted.
 */
public final class BearerTokens implements BearerTokenResolver {

  @Override
  public String resolve(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer", 0, 6)) {
      return null;
    }
    if (header.length() < 8 || header.charAt(6) != ' ' || !isToken68(header, 7)) {
      BearerTokenError error = BearerTokenErrors.invalidToken("Bearer token is malformed");
      throw new OAuth2AuthenticationException(error);
    }
    return header.substring(7);
  }

  static boolean isToken68(String text, int from) {
    int i = from;
    int end = text.length();
    while (i < end && isTokenChar(text.charAt(i))) {
      i++;
    }
    if (i == from) {
      return false;
    }
    while (i < end && text.charAt(i) == '=') {
      i++;
    }
    return i == end;
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '/';
  }
}
