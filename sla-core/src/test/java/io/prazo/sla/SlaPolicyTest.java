package io.prazo.sla;

import static io.prazo.sla.SlaFixture.KNOWN_CALENDARS;
import static io.prazo.sla.SlaFixture.errorsOf;
import static io.prazo.sla.SlaFixture.fieldsOf;
import static io.prazo.sla.SlaFixture.policy;
import static io.prazo.sla.SlaFixture.priority;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.events.PauseReason;
import io.prazo.events.SlaMetric;
import io.prazo.sla.InvalidDefinitionException.FieldError;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaPolicyTest {

  @Test
  void buildsWithTheDefaults() {
    SlaPolicy policy = policy().build(KNOWN_CALENDARS);

    assertThat(policy.version()).isEqualTo(1);
    assertThat(policy.complianceGoal()).isEqualTo(0.80);
    assertThat(policy.warnAt()).isEqualTo(0.75);
    assertThat(policy.autoCloseAfterBusinessDays()).isEqualTo(4);
    assertThat(policy.pauseReasons()).containsExactly(PauseReason.AWAITING_CUSTOMER);
    assertThat(policy.priorityMatrix()).isEmpty();
    assertThat(policy.derivePriority(Severity.CRITICAL, Impact.HIGH, Urgency.HIGH)).isEmpty();
  }

  @Test
  void findsPrioritiesOnItsScale() {
    SlaPolicy policy = policy().build(KNOWN_CALENDARS);

    assertThat(policy.priorities()).extracting(Priority::id).containsExactly("URGENT", "LOW");
    assertThat(policy.isOnScale("LOW")).isTrue();
    assertThat(policy.isOnScale("P9")).isFalse();
    assertThat(policy.isOnScale(null)).isFalse();
    assertThat(policy.priority("URGENT").flatMap(Priority::firstResponse))
        .contains(SlaTarget.parse("PT30M", "24x7"));
    assertThat(policy.priority("URGENT").flatMap(p -> p.target(SlaMetric.RESOLUTION)))
        .contains(SlaTarget.parse("PT4H", "br-8x5"));
    assertThat(policy.priority("P9")).isEmpty();
  }

  @Test
  void namesEveryCalendarItUses() {
    SlaPolicy policy =
        policy()
            .businessDayCalendar("br-weekdays")
            .priority(Priority.of("X", "X", null, null, SlaTarget.parse("2bd", "br-weekdays")))
            .build(KNOWN_CALENDARS);

    assertThat(policy.calendarIds()).containsExactly("br-weekdays", "24x7", "br-8x5");
  }

  @Test
  void alwaysCountsAwaitingCustomerEvenWhenLeftOut() {
    SlaPolicy policy =
        SlaPolicy.of(
            "p",
            1,
            "P",
            List.of(priority("P1", null, "PT4H")),
            "br-8x5",
            0.8,
            0.75,
            4,
            EnumSet.of(PauseReason.AWAITING_THIRD_PARTY),
            null,
            KNOWN_CALENDARS);

    assertThat(policy.countsPause(PauseReason.AWAITING_CUSTOMER)).isTrue();
    assertThat(policy.countsPause(PauseReason.AWAITING_THIRD_PARTY)).isTrue();
    assertThat(policy.countsPause(PauseReason.AWAITING_DEVELOPMENT)).isFalse();
    assertThat(policy.pauseReasons())
        .containsExactly(PauseReason.AWAITING_CUSTOMER, PauseReason.AWAITING_THIRD_PARTY);
    assertThat(
            SlaPolicy.of(
                    "p",
                    1,
                    "P",
                    List.of(priority("P1", null, "PT4H")),
                    "br-8x5",
                    0.8,
                    0.75,
                    4,
                    null,
                    null,
                    KNOWN_CALENDARS)
                .pauseReasons())
        .containsExactly(PauseReason.AWAITING_CUSTOMER);
  }

  @Test
  void aPlanWithoutTargetsHasNoSla() {
    SlaPolicy standard =
        SlaPolicy.builder("standard", "Standard")
            .businessDayCalendar("br-8x5")
            .priority(priority("P1", null, null))
            .priority(priority("P2", null, null))
            .build(KNOWN_CALENDARS);

    assertThat(standard.hasSla()).isFalse();
    assertThat(standard.calendarIds()).containsExactly("br-8x5");
    assertThat(policy().build(KNOWN_CALENDARS).hasSla()).isTrue();
    assertThat(
            policy()
                .priority(priority("ONLY_RESPONSE", "PT1H", null))
                .build(KNOWN_CALENDARS)
                .priority("ONLY_RESPONSE")
                .orElseThrow()
                .hasTarget())
        .isTrue();
  }

  @Test
  void refusesAPriorityListedTwice() {
    List<FieldError> errors =
        errorsOf(() -> policy().priority(priority("URGENT", null, "PT1H")).build(KNOWN_CALENDARS));

    assertThat(errors)
        .singleElement()
        .isEqualTo(
            new FieldError("priorities[2].id", "URGENT is listed twice (also priorities[0])"));
  }

  @Test
  void refusesUnknownCalendars() {
    List<FieldError> errors =
        errorsOf(
            () ->
                policy()
                    .businessDayCalendar("nowhere")
                    .priority(
                        Priority.of(
                            "X",
                            "X",
                            null,
                            SlaTarget.parse("PT1H", "mars"),
                            SlaTarget.parse("1bd", "venus")))
                    .build(KNOWN_CALENDARS));

    assertThat(errors)
        .containsExactly(
            new FieldError("priorities[2].firstResponse.calendar", "unknown calendar mars"),
            new FieldError("priorities[2].resolution.calendar", "unknown calendar venus"),
            new FieldError("businessDayCalendar", "unknown calendar nowhere"));
  }

  @Test
  void refusesAPolicyWithoutPriorities() {
    assertThat(
            fieldsOf(
                () ->
                    SlaPolicy.builder("p", "P")
                        .businessDayCalendar("br-8x5")
                        .build(KNOWN_CALENDARS)))
        .containsExactly("priorities");
  }

  @Test
  void refusesTargetsOfZeroOrLess() {
    assertThatThrownBy(() -> SlaTarget.parse("PT0S", "24x7"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlaTarget.parse("-1bd", "24x7"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "complianceGoal {0}, warnAt {1}, autoClose {2} -> {3}")
  @CsvSource({
    "-0.1, 0.75, 4, complianceGoal",
    "1.1, 0.75, 4, complianceGoal",
    "NaN, 0.75, 4, complianceGoal",
    "0.8, 0, 4, warnAt",
    "0.8, 1, 4, warnAt",
    "0.8, NaN, 4, warnAt",
    "0.8, 0.75, 0, autoCloseAfterBusinessDays"
  })
  void refusesRulesOutOfRange(double complianceGoal, double warnAt, int autoClose, String field) {
    assertThat(
            fieldsOf(
                () ->
                    policy()
                        .complianceGoal(complianceGoal)
                        .warnAt(warnAt)
                        .autoCloseAfterBusinessDays(autoClose)
                        .build(KNOWN_CALENDARS)))
        .containsExactly(field);
  }

  @Test
  void acceptsTheEdgesOfTheComplianceGoal() {
    assertThat(policy().complianceGoal(0).build(KNOWN_CALENDARS).complianceGoal()).isZero();
    assertThat(policy().complianceGoal(1).build(KNOWN_CALENDARS).complianceGoal()).isEqualTo(1);
  }

  @Test
  void refusesAMatrixGivingPrioritiesOffTheScale() {
    PriorityMatrix matrix =
        PriorityMatrix.of(
            List.of(
                new PriorityMatrix.Rule(Severity.CRITICAL, null, null, "URGENT"),
                new PriorityMatrix.Rule(null, null, null, "P3")));

    assertThat(errorsOf(() -> policy().priorityMatrix(matrix).build(KNOWN_CALENDARS)))
        .containsExactly(
            new FieldError("priorityMatrix[1].priority", "P3 is not on the policy's scale"));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    List<String> fields =
        fieldsOf(
            () ->
                SlaPolicy.of(
                    "",
                    0,
                    null,
                    Arrays.asList(priority("A", null, null), null, priority("A", null, null)),
                    null,
                    2,
                    2,
                    0,
                    null,
                    null,
                    KNOWN_CALENDARS));

    assertThat(fields)
        .containsExactly(
            "id",
            "version",
            "name",
            "priorities[1]",
            "priorities[2].id",
            "businessDayCalendar",
            "complianceGoal",
            "warnAt",
            "autoCloseAfterBusinessDays");
  }

  @Test
  void refusesAPriorityWithoutIdOrLabel() {
    assertThat(fieldsOf(() -> Priority.of(null, " ", null, null, null)))
        .containsExactly("id", "label");
  }

  @Test
  void aNewVersionChangesOnlyTheVersion() {
    SlaPolicy v1 = policy().build(KNOWN_CALENDARS);
    SlaPolicy v3 = v1.withVersion(3);

    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3).isNotEqualTo(v1);
    assertThat(v3.withVersion(1)).isEqualTo(v1).hasSameHashCodeAs(v1);
    assertThat(fieldsOf(() -> v1.withVersion(0))).containsExactly("version");
  }

  @Test
  void exposesOnlyUnmodifiableCollections() {
    SlaPolicy policy = policy().build(KNOWN_CALENDARS);

    assertThatThrownBy(() -> policy.priorities().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> policy.pauseReasons().add(PauseReason.AWAITING_DEVELOPMENT))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> policy.calendarIds().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aContractNeedsAnOrganizationAPolicyAndAVersion() {
    Contract contract = new Contract("acme", 1, "pronnus");

    assertThat(contract.withVersion(2)).isEqualTo(new Contract("acme", 2, "pronnus"));
    assertThat(fieldsOf(() -> new Contract(" ", 0, null)))
        .containsExactly("organizationId", "version", "policyId");
  }

  @Test
  void measuresBusinessDayTargetsWithTheCalendarDayLength() {
    SlaTarget target = SlaTarget.parse("2bd", "br-8x5");

    assertThat(target.toDuration(SlaFixture.businessHours())).isEqualTo(Duration.ofHours(16));
    assertThat(Set.of(target)).contains(SlaTarget.parse("2bd", "br-8x5"));
  }
}
