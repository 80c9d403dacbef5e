package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.testing.Http;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** GET /api/tickets/{id}: the view, its clocks at now, read-your-writes. */
class TicketQueryIT extends QueryIT {

  @Test
  void showsAnOpenedTicketWithItsClocksAtNow() {
    contract("q-acme", "pronnus");
    // The shared clock may be anywhere: the expectations are relative to the opening.
    Instant openedAt = clock.instant();
    String id = open("q-acme", "URGENT");
    advance(Duration.ofHours(1));
    Http.Answer answer = expect(200, ticket(id, agent()));
    assertThat(answer.text("status")).isEqualTo("OPEN");
    assertThat(answer.json().at("/sla/policyId").asText()).isEqualTo("pronnus");
    assertThat(answer.json().at("/sla/resolution/target").asText()).isEqualTo("PT4H");
    assertThat(answer.json().at("/sla/resolution/elapsed").asText()).isEqualTo("PT1H");
    assertThat(answer.json().at("/sla/resolution/dueAt").asText())
        .isEqualTo(openedAt.plus(Duration.ofHours(4)).toString());
    assertThat(answer.json().at("/sla/firstResponse/status").asText()).isEqualTo("BREACHED");
    assertThat(answer.header("ETag")).isEqualTo("\"0\"");
  }
}
