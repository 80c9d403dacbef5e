package io.prazo.command.it;

import static io.prazo.command.it.TicketLifecycleIT.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.events.Role;
import io.prazo.testing.Http;
import org.junit.jupiter.api.Test;

class CatalogIT extends CommandServiceIT {
  private static final String CALENDAR =
      "{\"name\":\"Support hours\",\"zone\":\"America/Sao_Paulo\",\"dayLength\":\"PT10H\","
          + "\"week\":{\"MONDAY\":[[\"08:00\",\"18:00\"]],\"TUESDAY\":[[\"08:00\",\"18:00\"]],"
          + "\"WEDNESDAY\":[[\"08:00\",\"18:00\"]],\"THURSDAY\":[[\"08:00\",\"18:00\"]],"
          + "\"FRIDAY\":[[\"08:00\",\"18:00\"]],\"SATURDAY\":[],\"SUNDAY\":[]},"
          + "\"holidays\":[{\"date\":\"2026-04-03\",\"name\":\"Sexta-feira Santa\"}]}";

  private static String policy(String resolution, String calendar) {
    return "{\"name\":\"Custom\",\"businessDayCalendar\":\"br-8x5\",\"complianceGoal\":0.8,"
        + "\"warnAt\":0.75,\"autoCloseAfterBusinessDays\":4,\"pauseReasons\":[\"AWAITING_CUSTOMER\"],"
        + "\"priorities\":[{\"id\":\"URGENT\",\"label\":\"Urgente\",\"resolution\":{\"amount\":\""
        + resolution
        + "\",\"calendar\":\""
        + calendar
        + "\"}}]}";
  }

  @Test
  void thePresetsAreLoadedOnFirstStart() {
    Http.Answer policies = http.get("/api/policies", agent());
    expect(200, policies);
    assertThat(policies.json().findValuesAsText("id"))
        .contains("presence", "wati-business-plus", "pronnus", "standard");
    Http.Answer calendars = http.get("/api/calendars", customer());
    assertThat(calendars.json().findValuesAsText("id")).contains("24x7", "br-8x5", "br-weekdays");
    Http.Answer pronnus = http.get("/api/policies/pronnus", customer());
    assertThat(pronnus.json().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void aPutAddsAVersionAndKeepsTheOldOne() {
    Http.Answer first = http.put("/api/calendars/support-hours", supervisor(), CALENDAR);
    expect(200, first);
    assertThat(first.json().get("version").asInt()).isEqualTo(1);
    Http.Answer unchanged = http.put("/api/calendars/support-hours", supervisor(), CALENDAR);
    assertThat(unchanged.json().get("version").asInt()).isEqualTo(1);
    Http.Answer second =
        http.put(
            "/api/calendars/support-hours",
            supervisor(),
            CALENDAR.replace("PT10H", "PT9H").replace("18:00", "17:00"));
    assertThat(second.json().get("version").asInt()).isEqualTo(2);
    assertThat(
            http.get("/api/calendars/support-hours/versions/1", agent())
                .json()
                .get("dayLength")
                .asText())
        .isEqualTo("PT10H");
    assertThat(http.get("/api/calendars/support-hours", agent()).json().get("version").asInt())
        .isEqualTo(2);

    expect(200, http.put("/api/policies/custom", supervisor(), policy("PT4H", "support-hours")));
    Http.Answer v2 =
        http.put("/api/policies/custom", supervisor(), policy("PT6H", "support-hours"));
    assertThat(v2.json().get("version").asInt()).isEqualTo(2);
    assertThat(http.get("/api/policies/custom/versions/1", agent()).json().toString())
        .contains("PT4H");
    assertThat(http.get("/api/policies/custom/versions/3", agent()).status()).isEqualTo(404);
  }

  @Test
  void aTicketRecordsThePolicyAndCalendarVersionsItWasOpenedUnder() {
    http.put("/api/calendars/cal-v", supervisor(), CALENDAR);
    http.put(
        "/api/calendars/cal-v",
        supervisor(),
        CALENDAR.replace("PT10H", "PT9H").replace("18:00", "17:00"));
    http.put("/api/policies/pol-v", supervisor(), policy("PT4H", "cal-v"));
    http.put("/api/organizations/vee/contract", supervisor(), "{\"policyId\":\"pol-v\"}");
    Http.Answer opened = http.post("/api/tickets", agent(), openBody("vee", "cust-v", "URGENT"));
    expect(201, opened);
    assertThat(opened.text("policyId")).isEqualTo("pol-v");
    byte[] payload =
        jdbc.queryForObject(
            "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
            byte[].class,
            opened.text("ticketId"));
    assertThat(new String(payload))
        .contains("\"sla\":{\"policyId\":\"pol-v\",\"policyVersion\":1,\"calendarVersions\":{")
        .contains("\"cal-v\":2")
        .contains("\"br-8x5\":1");
  }

  @Test
  void theNextTicketSeesANewContractAndANewCalendarVersionAtOnce() {
    contract("fresh", "pronnus");
    Http.Answer first = http.post("/api/tickets", agent(), openBody("fresh", "cust-f", "HIGH"));
    assertThat(first.text("policyId")).isEqualTo("pronnus");
    contract("fresh", "presence");
    Http.Answer second = http.post("/api/tickets", agent(), openBody("fresh", "cust-f", "P1"));
    expect(201, second);
    assertThat(second.text("policyId")).isEqualTo("presence");

    String v1 = CALENDAR;
    http.put("/api/calendars/cal-fresh", supervisor(), v1);
    http.put("/api/policies/pol-fresh", supervisor(), policy("PT4H", "cal-fresh"));
    contract("fresh", "pol-fresh");
    expect(201, http.post("/api/tickets", agent(), openBody("fresh", "cust-f", "URGENT")));
    http.put(
        "/api/calendars/cal-fresh",
        supervisor(),
        v1.replace("PT10H", "PT9H").replace("18:00", "17:00"));
    String id =
        http.post("/api/tickets", agent(), openBody("fresh", "cust-f", "URGENT")).text("ticketId");
    byte[] payload =
        jdbc.queryForObject(
            "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
            byte[].class,
            id);
    assertThat(new String(payload)).contains("\"cal-fresh\":2");
  }

  @Test
  void definitionsThatCannotWorkAre422WithTheirFields() {
    String noWork = CALENDAR.replaceAll("\\[\\[\"08:00\",\"18:00\"\\]\\]", "[]");
    Http.Answer calendar = http.put("/api/calendars/never", supervisor(), noWork);
    assertThat(calendar.status()).isEqualTo(422);
    assertThat(calendar.json().get("errors").toString()).contains("week");

    Http.Answer unknownCalendar =
        http.put("/api/policies/p1", supervisor(), policy("PT4H", "mars-time"));
    assertThat(unknownCalendar.status()).isEqualTo(422);
    assertThat(unknownCalendar.json().get("errors").toString()).contains("mars-time");

    Http.Answer zero = http.put("/api/policies/p2", supervisor(), policy("PT0S", "24x7"));
    assertThat(zero.status()).isEqualTo(422);
    Http.Answer negative = http.put("/api/policies/p3", supervisor(), policy("PT-1H", "24x7"));
    assertThat(negative.status()).isEqualTo(422);

    String twice =
        policy("PT4H", "24x7").replace("}}]}", "}},{\"id\":\"URGENT\",\"label\":\"De novo\"}]}");
    Http.Answer duplicate = http.put("/api/policies/p4", supervisor(), twice);
    assertThat(duplicate.status()).isEqualTo(422);

    Http.Answer unknownPolicy =
        http.put("/api/organizations/acme/contract", supervisor(), "{\"policyId\":\"nope\"}");
    assertThat(unknownPolicy.status()).isEqualTo(422);
  }

  @Test
  void onlySupervisorsDefine() {
    assertThat(http.put("/api/calendars/x", agent(), CALENDAR).status()).isEqualTo(403);
    assertThat(http.put("/api/policies/pronnus", customer(), policy("PT1H", "24x7")).status())
        .isEqualTo(403);
    String auditor = token("aud-1", Role.AUDITOR, null);
    assertThat(
            http.put("/api/organizations/acme/contract", auditor, "{\"policyId\":\"pronnus\"}")
                .status())
        .isEqualTo(403);
  }

  @Test
  void aCustomerReadsOnlyItsOwnContract() {
    contract("acme", "pronnus");
    contract("globex", "presence");
    assertThat(http.get("/api/organizations/acme/contract", customer()).text("policyId"))
        .isEqualTo("pronnus");
    assertThat(http.get("/api/organizations/globex/contract", customer()).status()).isEqualTo(404);
    assertThat(http.get("/api/organizations/globex/contract", agent()).text("policyId"))
        .isEqualTo("presence");
  }

  @Test
  void catalogVersionsCannotBeRewritten() {
    assertThatThrownBy(() -> jdbc.update("UPDATE catalog_policy SET document = '{}'"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM catalog_calendar"))
        .hasMessageContaining("append-only");
  }
}
