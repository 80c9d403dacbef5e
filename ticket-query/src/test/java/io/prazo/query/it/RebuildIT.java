package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prazo.testing.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A full rebuild of the read models gives back exactly what was there: every row of {@code
 * query.ticket} (all columns, as text), every ticket as the API shows it, the work queue's order
 * and the compliance reports, compared as full dumps before and after.
 */
@TestPropertySource(properties = "prazo.test.context=rebuild")
class RebuildIT extends QueryIT {
  private static final List<String> ORGANIZATIONS = List.of("rb-pronnus", "rb-wati", "rb-std");

  @Test
  void aFullRebuildGivesByteForByteTheSameViewsQueueAndReports() {
    contract("rb-pronnus", "pronnus");
    contract("rb-wati", "wati-business-plus");
    contract("rb-std", "standard");
    clockAt("2026-04-06T11:00:00Z");
    List<String> ids = generateHistory(new Random(20261125L), 90);
    String before = dump(ids);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM query.ticket", Long.class))
        .isEqualTo(ids.size());

    expect(202, http.post("/api/admin/projections/ticket-query/rebuild", supervisor(), "{}"));
    Awaitility.await()
        .atMost(60, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(100))
        .until(this::rebuilt);

    String after = dump(ids);
    assertThat(after).isEqualTo(before);
  }

  /** Tickets in every state the lifecycle has, on three policies, with time passing between. */
  private List<String> generateHistory(Random random, int tickets) {
    List<String> ids = new ArrayList<>();
    String[][] priorities = {
      {"URGENT", "HIGH", "MEDIUM", "LOW"}, {"P1", "P2", "P3", "P4"}, {"P2", "P3", "P4"}
    };
    for (int i = 0; i < tickets; i++) {
      int org = i % ORGANIZATIONS.size();
      String organization = ORGANIZATIONS.get(org);
      // Never the scale's first priority, so that raising it to the first is a change.
      String priority = priorities[org][1 + random.nextInt(priorities[org].length - 1)];
      String id = open(organization, priority);
      ids.add(id);
      advance(Duration.ofMinutes(random.nextInt(90)));
      switch (i % 9) {
        case 0 -> {} // left open
        case 1 -> reply(id);
        case 2 -> {
          assign(id);
          pause(id);
        }
        case 3 -> {
          reply(id);
          pause(id);
          advance(Duration.ofMinutes(45));
          resume(id);
        }
        case 4 -> {
          reply(id);
          resolve(id);
        }
        case 5 -> {
          reply(id);
          resolve(id);
          approve(id, organization);
          command(id, "survey", customer(organization), Map.of("score", 4, "comment", "Bom"));
        }
        case 6 -> {
          resolve(id);
          reject(id, organization);
          advance(Duration.ofHours(random.nextInt(10)));
          resolve(id);
        }
        case 7 -> command(id, "cancel", customer(organization), Map.of("reason", "Resolvido"));
        default -> {
          command(
              id,
              "priority",
              agent(),
              Map.of("priority", org == 2 ? "P1" : priorities[org][0], "reason", "Parada"));
          command(
              id,
              "escalations",
              supervisor(),
              Map.of("reason", "MANUAL", "note", "Cliente estratégico"));
        }
      }
      advance(Duration.ofMinutes(random.nextInt(240)));
    }
    return ids;
  }

  private boolean rebuilt() {
    JsonNode projections = http.get("/api/admin/projections", supervisor()).json();
    for (JsonNode projection : projections) {
      if (projection.get("name").asText().equals("ticket-query")) {
        return projection.get("running").asBoolean()
            && !projection.get("replaying").asBoolean()
            && projection.get("lag").asLong() == 0
            && projection.get("error").isNull();
      }
    }
    throw new AssertionError("no ticket-query projection in " + projections);
  }

  private String dump(List<String> ids) {
    StringBuilder out = new StringBuilder();
    jdbc.query(
        "SELECT t::text FROM query.ticket t ORDER BY ticket_id",
        rs -> {
          out.append(rs.getString(1)).append('\n');
        });
    String supervisor = supervisor();
    for (String id : ids) {
      out.append(expect(200, ticket(id, supervisor)).raw().body()).append('\n');
    }
    for (int page = 0; ; page++) {
      Http.Answer queue =
          expect(200, http.get("/api/tickets?sort=dueAt&size=25&page=" + page, supervisor));
      out.append(queue.raw().body()).append('\n');
      if (!queue.json().get("hasNext").asBoolean()) {
        break;
      }
    }
    for (String groupBy : List.of("priority", "organization", "policy")) {
      out.append(
              expect(
                      200,
                      http.get(
                          "/api/reports/sla-compliance?from=2026-01-01T00:00:00Z"
                              + "&to=2027-01-01T00:00:00Z&groupBy="
                              + groupBy,
                          supervisor))
                  .raw()
                  .body())
          .append('\n');
    }
    return out.toString();
  }
}
