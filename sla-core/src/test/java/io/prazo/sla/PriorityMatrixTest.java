package io.prazo.sla;

import static io.prazo.sla.SlaFixture.errorsOf;
import static io.prazo.sla.SlaFixture.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.sla.PriorityMatrix.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityMatrixTest {

  private static final PriorityMatrix PRESENCE =
      Presets.policies().get(0).priorityMatrix().orElseThrow();

  @ParameterizedTest(name = "{0}/{1}/{2} -> {3}")
  @CsvSource({
    "CRITICAL, LOW, LOW, P0",
    "CRITICAL, HIGH, HIGH, P0",
    "HIGH, HIGH, LOW, P0",
    "HIGH, MEDIUM, HIGH, P1",
    "HIGH, LOW, LOW, P1",
    "MEDIUM, HIGH, HIGH, P1",
    "MEDIUM, HIGH, MEDIUM, P2",
    "MEDIUM, LOW, LOW, P2",
    "LOW, LOW, HIGH, P2",
    "LOW, HIGH, MEDIUM, P3",
    "LOW, LOW, LOW, P3"
  })
  void derivesPresencePrioritiesWithTheFirstMatchingRule(
      Severity severity, Impact impact, Urgency urgency, String priority) {
    assertThat(PRESENCE.derive(severity, impact, urgency)).contains(priority);
  }

  @Test
  void derivesAPriorityForEveryCompleteCombination() {
    for (Severity severity : Severity.values()) {
      for (Impact impact : Impact.values()) {
        for (Urgency urgency : Urgency.values()) {
          assertThat(PRESENCE.derive(severity, impact, urgency)).isPresent();
        }
      }
    }
  }

  @Test
  void aRuleNamingAConditionDoesNotMatchAnUnknownInput() {
    assertThat(PRESENCE.derive(Severity.CRITICAL, null, null)).contains("P0");
    assertThat(PRESENCE.derive(Severity.HIGH, null, Urgency.LOW)).contains("P1");
    assertThat(PRESENCE.derive(Severity.MEDIUM, null, Urgency.HIGH)).contains("P2");
    assertThat(PRESENCE.derive(null, Impact.HIGH, Urgency.HIGH)).isEmpty();

    PriorityMatrix withFallback =
        PriorityMatrix.of(
            List.of(
                new Rule(Severity.CRITICAL, null, null, "P1"), new Rule(null, null, null, "P4")));
    assertThat(withFallback.derive(null, null, null)).contains("P4");
    assertThat(withFallback.derive(Severity.CRITICAL, null, null)).contains("P1");
  }

  @Test
  void theFirstMatchingRuleWinsOverLaterOnes() {
    PriorityMatrix matrix =
        PriorityMatrix.of(
            List.of(
                new Rule(null, Impact.HIGH, null, "P1"),
                new Rule(Severity.CRITICAL, null, null, "P0"),
                new Rule(null, null, null, "P3")));

    assertThat(matrix.derive(Severity.CRITICAL, Impact.HIGH, Urgency.HIGH)).contains("P1");
    assertThat(matrix.derive(Severity.CRITICAL, Impact.LOW, Urgency.HIGH)).contains("P0");
    assertThat(matrix.priorities()).containsExactly("P1", "P0", "P3");
  }

  @Test
  void refusesAMatrixThatLeavesCombinationsUncovered() {
    List<Rule> rules = new ArrayList<>(PRESENCE.rules());
    rules.remove(rules.size() - 1); // LOW/*/* -> P3

    List<InvalidDefinitionException.FieldError> errors = errorsOf(() -> PriorityMatrix.of(rules));

    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEmpty();
              assertThat(e.message())
                  .contains("6 of the 36", "LOW/HIGH/MEDIUM", "LOW/LOW/LOW")
                  .doesNotContain("LOW/LOW/HIGH");
            });
  }

  @Test
  void refusesAnEmptyMatrixNullRulesAndBlankPriorities() {
    assertThat(fieldsOf(() -> PriorityMatrix.of(List.of()))).containsExactly("");
    assertThat(
            fieldsOf(() -> PriorityMatrix.of(Arrays.asList(new Rule(null, null, null, " "), null))))
        .containsExactly("[0].priority", "[1]");
  }

  @Test
  void describesRulesWithWildcards() {
    assertThat(new Rule(Severity.HIGH, null, Urgency.LOW, "P1")).hasToString("HIGH/*/LOW -> P1");
  }
}
