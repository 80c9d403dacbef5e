package io.prazo.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlaAmountTest {

  @ParameterizedTest(name = "{0} reads back from {1}")
  @CsvSource({
    "PT30M, PT30M",
    "PT4H, PT4H",
    "PT1H30M, PT1H30M",
    "P1D, PT24H",
    "PT0.5S, PT0.5S",
    "2bd, 2bd",
    "1BD, 1bd",
    "10bd, 10bd"
  })
  void parsesTheWireFormAndWritesItCanonically(String text, String canonical) {
    SlaAmount amount = SlaAmount.parse(text);

    assertThat(amount).hasToString(canonical);
    assertThat(SlaAmount.parse(amount.toString())).isEqualTo(amount);
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(
      strings = {
        "PT0S",
        "PT-30M",
        "0bd",
        "-1bd",
        "P0D",
        "",
        "2 days",
        "bd",
        "30",
        "PT",
        "99999999999bd"
      })
  void refusesZeroNegativeAndMalformedAmounts(String text) {
    assertThatThrownBy(() -> SlaAmount.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesZeroAndNegativeAmountsFromFactories() {
    assertThatThrownBy(() -> SlaAmount.ofDuration(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> SlaAmount.ofDuration(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlaAmount.ofBusinessDays(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void businessDaysAreDayLengthTimesTheCount() {
    SlaAmount twoDays = SlaAmount.parse("2bd");

    assertThat(twoDays.isBusinessDays()).isTrue();
    assertThat(twoDays.businessDays()).isEqualTo(2);
    assertThat(twoDays.toDuration(Duration.ofHours(8))).isEqualTo(Duration.ofHours(16));
    assertThat(twoDays.toDuration(Duration.ofHours(24))).isEqualTo(Duration.ofHours(48));
    assertThatThrownBy(twoDays::duration).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aDurationIgnoresTheDayLength() {
    SlaAmount fourHours = SlaAmount.ofDuration(Duration.ofHours(4));

    assertThat(fourHours.isBusinessDays()).isFalse();
    assertThat(fourHours.duration()).isEqualTo(Duration.ofHours(4));
    assertThat(fourHours.toDuration(Duration.ofHours(8))).isEqualTo(Duration.ofHours(4));
    assertThatThrownBy(fourHours::businessDays).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void equalDurationsWrittenDifferentlyAreEqualButDaysAreNotHours() {
    assertThat(SlaAmount.parse("P1D")).isEqualTo(SlaAmount.parse("PT24H"));
    assertThat(SlaAmount.parse("P1D")).hasSameHashCodeAs(SlaAmount.parse("PT24H"));
    assertThat(SlaAmount.parse("1bd")).isNotEqualTo(SlaAmount.parse("PT24H"));
  }

  @Test
  void aTargetMeasuresItsAmountOnItsOwnCalendar() {
    SlaTarget target = SlaTarget.parse("1bd", "br-8x5");

    assertThat(target.toDuration(SlaFixture.businessHours())).isEqualTo(Duration.ofHours(8));
    assertThat(SlaTarget.parse("PT4H", "24x7").toDuration(BusinessCalendar.twentyFourSeven()))
        .isEqualTo(Duration.ofHours(4));
    assertThatThrownBy(() -> target.toDuration(BusinessCalendar.twentyFourSeven()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
