package io.prazo.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {
  /** Spring Security's default rule, which {@link HeaderRules#PRINTABLE} replaces. */
  private static final Pattern DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

  @Test
  void agreesWithTheDefaultRuleOnEveryCharacterOfTheBasicPlaneAndSomeBeyond() {
    for (int c = 0; c <= 0x10FFFF; c += (c < 0x10000 ? 1 : 97)) {
      if (Character.isSurrogate((char) c) && c < 0x10000) {
        continue;
      }
      String text = "a" + new String(Character.toChars(c)) + "b";
      assertThat(HeaderRules.PRINTABLE.test(text))
          .as("U+%04X", c)
          .isEqualTo(DEFAULT.matcher(text).matches());
    }
  }

  @Test
  void acceptsATokenAndRefusesLineBreaksAndNulls() {
    assertThat(HeaderRules.PRINTABLE.test("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbmEifQ.sig-_"))
        .isTrue();
    assertThat(HeaderRules.PRINTABLE.test("a\r\nSet-Cookie: x")).isFalse();
    assertThat(HeaderRules.PRINTABLE.test("a\u0000b")).isFalse();
    assertThat(HeaderRules.PRINTABLE.test("")).isTrue();
  }
}
