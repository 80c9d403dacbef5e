package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prazo.testing.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Survey answers are for supervisors and auditors only, never agents (domain.md, "What events
 * carry"; api.md, Security), and a customer sees neither them nor internal notes. Checked on every
 * read: the ticket, the list, the as-of view and the history, down to the raw response text.
 */
class SurveyConfidentialityIT extends QueryIT {
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String organization = "survey-" + run;

  /** A closed ticket whose survey was answered, with a comment no other text contains. */
  private record Surveyed(String id, int score, String comment, Instant answeredAt) {}

  private Surveyed closedAndSurveyed() {
    contract(organization, "pronnus");
    String id = open(organization, "HIGH");
    assign(id);
    reply(id);
    advance(Duration.ofMinutes(20));
    resolve(id);
    advance(Duration.ofMinutes(10));
    approve(id, organization);
    advance(Duration.ofMinutes(5));
    String comment = "comentario-sigiloso-" + UUID.randomUUID();
    command(id, "survey", customer(organization), Map.of("score", 2, "comment", comment));
    Instant answeredAt = clock.instant();
    advance(Duration.ofMinutes(1));
    return new Surveyed(id, 2, comment, answeredAt);
  }

  @Test
  void agentsAndCustomersNeverSeeASurveyAnswer() {
    Surveyed surveyed = closedAndSurveyed();
    String asOf = surveyed.answeredAt().plusSeconds(30).toString();

    for (String token : List.of(agent(), customer(organization))) {
      Http.Answer ticket = expect(200, ticket(surveyed.id(), token));
      assertSurveyWithoutAnswer(ticket.json(), surveyed);
      assertNothingOfTheAnswer(ticket, surveyed);

      Http.Answer page =
          expect(200, http.get("/api/tickets?organizationId=" + organization, token));
      JsonNode item = item(page, surveyed.id());
      assertSurveyWithoutAnswer(item, surveyed);
      assertNothingOfTheAnswer(page, surveyed);

      Http.Answer past =
          expect(200, http.get("/api/tickets/" + surveyed.id() + "?asOf=" + asOf, token));
      assertSurveyWithoutAnswer(past.json(), surveyed);
      assertNothingOfTheAnswer(past, surveyed);

      Http.Answer history =
          expect(200, http.get("/api/tickets/" + surveyed.id() + "/history", token));
      JsonNode answered = entry(history.json(), "SurveyAnswered");
      assertThat(answered.get("redacted").asBoolean()).isTrue();
      assertThat(answered.get("data").has("score")).isFalse();
      assertThat(answered.get("data").has("comment")).isFalse();
      assertThat(answered.at("/data/surveyId").asText()).isNotBlank();
      assertNothingOfTheAnswer(history, surveyed);
      for (JsonNode entry : history.json()) {
        if (!entry.get("type").asText().equals("SurveyAnswered")) {
          assertThat(entry.get("redacted").asBoolean()).as("%s", entry).isFalse();
        }
      }
    }
  }

  @Test
  void supervisorsAndAuditorsSeeTheSurveyAnswerEverywhere() {
    Surveyed surveyed = closedAndSurveyed();
    String asOf = surveyed.answeredAt().plusSeconds(30).toString();

    for (String token : List.of(supervisor(), auditor())) {
      assertSurveyWithAnswer(expect(200, ticket(surveyed.id(), token)).json(), surveyed);
      assertSurveyWithAnswer(
          item(
              expect(200, http.get("/api/tickets?organizationId=" + organization, token)),
              surveyed.id()),
          surveyed);
      assertSurveyWithAnswer(
          expect(200, http.get("/api/tickets/" + surveyed.id() + "?asOf=" + asOf, token)).json(),
          surveyed);

      JsonNode answered =
          entry(
              expect(200, http.get("/api/tickets/" + surveyed.id() + "/history", token)).json(),
              "SurveyAnswered");
      assertThat(answered.get("redacted").asBoolean()).isFalse();
      assertThat(answered.at("/data/score").asInt()).isEqualTo(surveyed.score());
      assertThat(answered.at("/data/comment").asText()).isEqualTo(surveyed.comment());
    }
  }

  @Test
  void anAsOfViewBeforeTheAnswerHasOnlyTheRequest() {
    Surveyed surveyed = closedAndSurveyed();
    String before = surveyed.answeredAt().minusSeconds(1).toString();
    JsonNode past =
        expect(200, http.get("/api/tickets/" + surveyed.id() + "?asOf=" + before, supervisor()))
            .json();
    assertThat(past.at("/survey/requestedAt").asText()).isNotBlank();
    assertThat(absent(past.at("/survey/answeredAt"))).isTrue();
    assertThat(absent(past.at("/survey/score"))).isTrue();
    assertThat(absent(past.at("/survey/comment"))).isTrue();
  }

  @Test
  void internalNotesNeverReachTheCustomer() {
    contract(organization, "pronnus");
    String id = open(organization, "HIGH");
    String note = "nota-interna-" + UUID.randomUUID();
    String answer = "resposta-publica-" + UUID.randomUUID();
    command(id, "replies", agent(), Map.of("body", note, "public", false));
    advance(Duration.ofMinutes(2));
    command(id, "replies", agent(), Map.of("body", answer, "public", true));
    advance(Duration.ofMinutes(1));
    String asOf = clock.instant().toString();

    String customer = customer(organization);
    Http.Answer history = expect(200, http.get("/api/tickets/" + id + "/history", customer));
    assertThat(history.raw().body()).doesNotContain(note).contains(answer);
    assertThat(replies(history.json()))
        .extracting(r -> r.at("/data/public").asBoolean())
        .containsExactly(true);
    assertThat(expect(200, ticket(id, customer)).raw().body()).doesNotContain(note);
    assertThat(expect(200, http.get("/api/tickets/" + id + "?asOf=" + asOf, customer)).raw().body())
        .doesNotContain(note);
    assertThat(expect(200, http.get("/api/tickets", customer)).raw().body()).doesNotContain(note);

    for (String staff : List.of(agent(), supervisor(), auditor())) {
      List<JsonNode> replies =
          replies(expect(200, http.get("/api/tickets/" + id + "/history", staff)).json());
      assertThat(replies)
          .extracting(r -> r.at("/data/body").asText())
          .containsExactly(note, answer);
      assertThat(replies)
          .extracting(r -> r.at("/data/public").asBoolean())
          .containsExactly(false, true);
    }
  }

  private static List<JsonNode> replies(JsonNode history) {
    List<JsonNode> replies = new ArrayList<>();
    history.forEach(
        entry -> {
          if (entry.get("type").asText().equals("ReplyAdded")) {
            replies.add(entry);
          }
        });
    return replies;
  }

  private static JsonNode entry(JsonNode history, String type) {
    for (JsonNode entry : history) {
      if (entry.get("type").asText().equals(type)) {
        return entry;
      }
    }
    throw new AssertionError("no " + type + " in " + history);
  }

  private static JsonNode item(Http.Answer page, String id) {
    for (JsonNode item : page.json().get("items")) {
      if (item.get("ticketId").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError("ticket " + id + " not listed: " + page);
  }

  private static void assertSurveyWithoutAnswer(JsonNode ticket, Surveyed surveyed) {
    JsonNode survey = ticket.get("survey");
    assertThat(survey).as("%s", ticket).isNotNull();
    assertThat(survey.get("requestedAt").asText()).isNotBlank();
    assertThat(Instant.parse(survey.get("answeredAt").asText())).isEqualTo(surveyed.answeredAt());
    assertThat(absent(survey.get("score"))).as("score in %s", survey).isTrue();
    assertThat(absent(survey.get("comment"))).as("comment in %s", survey).isTrue();
  }

  private static void assertSurveyWithAnswer(JsonNode ticket, Surveyed surveyed) {
    JsonNode survey = ticket.get("survey");
    assertThat(survey).as("%s", ticket).isNotNull();
    assertThat(Instant.parse(survey.get("answeredAt").asText())).isEqualTo(surveyed.answeredAt());
    assertThat(survey.get("score").asInt()).isEqualTo(surveyed.score());
    assertThat(survey.get("comment").asText()).isEqualTo(surveyed.comment());
  }

  /** Neither the comment nor any score value appears anywhere in the answer. */
  private static void assertNothingOfTheAnswer(Http.Answer answer, Surveyed surveyed) {
    assertThat(answer.raw().body()).doesNotContain(surveyed.comment());
    assertThat(answer.json().findValues("score")).allSatisfy(v -> assertThat(absent(v)).isTrue());
    assertThat(answer.json().findValues("comment"))
        .allSatisfy(v -> assertThat(v.asText()).doesNotContain(surveyed.comment()));
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }
}
