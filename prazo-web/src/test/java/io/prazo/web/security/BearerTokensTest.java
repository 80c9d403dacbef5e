package io.prazo.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class BearerTokensTest {
  private final BearerTokens fast = new BearerTokens();
  private final DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();

  private static MockHttpServletRequest with(String authorization) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    return request;
  }

  @Test
  void agreesWithSpringSecuritysResolver() {
    String[] headers = {
      null,
      "Basic dXNlcjpwYXNz",
      "Bearer abc.DEF-ghi_jkl~mno+pqr/stu",
      "bearer abc",
      "BEARER abc==",
      "Bearer abc=",
      "Bearer ",
      "Bearer",
      "Bearer a b",
      "Bearer a=b",
      "Bearer  abc",
      "Bearer abc\u00e9",
      "Bearer =",
      "Bearerabc",
      "Bearer\tabc"
    };
    for (String header : headers) {
      String expected;
      boolean refused;
      try {
        expected = reference.resolve(with(header));
        refused = false;
      } catch (OAuth2AuthenticationException e) {
        expected = null;
        refused = true;
      }
      if (refused) {
        assertThatThrownBy(() -> fast.resolve(with(header)))
            .as(header)
            .isInstanceOf(OAuth2AuthenticationException.class);
      } else {
        assertThat(fast.resolve(with(header))).as(header).isEqualTo(expected);
      }
    }
  }
}
