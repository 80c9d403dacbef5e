package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PublishedEventTest {

  private static final String ENVELOPE =
      """
      {"specversion":"1.0","id":"0b6c3c1e-5f0a-4c47-9a7e-1d3f2f3c4d5e",\
      "source":"/prazo/ticket-command","type":"io.prazo.ticket.assigned.v1",\
      "subject":"T-subject","time":"2026-11-25T07:00:00Z","datacontenttype":"application/json",\
      "data":{"ticketId":"T-subject","sequence":99,"id":"not-this","nested":[{"id":"nor-this"}]},\
      "sequence":4,"correlationid":"c-1","actorid":"kafka-agent","actorrole":"agent"}""";

  @Test
  void readsTheEventIdTheKeyAsTicketAndTheSequenceSkippingTheData() {
    PublishedEvent event = PublishedEvent.parse("T-key", bytes(ENVELOPE));

    assertThat(event)
        .isEqualTo(new PublishedEvent("0b6c3c1e-5f0a-4c47-9a7e-1d3f2f3c4d5e", "T-key", 4));
  }

  @Test
  void takesTheSubjectAsTicketWhenTheRecordHasNoKey() {
    assertThat(PublishedEvent.parse(null, bytes(ENVELOPE)).ticketId()).isEqualTo("T-subject");
    assertThat(PublishedEvent.parse("", bytes(ENVELOPE)).ticketId()).isEqualTo("T-subject");
  }

  @Test
  void acceptsASequenceWrittenAsDigits() {
    PublishedEvent event =
        PublishedEvent.parse("T-1", bytes("{\"id\":\"e-1\",\"sequence\":\"12\"}"));

    assertThat(event).isEqualTo(new PublishedEvent("e-1", "T-1", 12));
  }

  @Test
  void refusesRecordsThatAreNoTicketEvent() {
    assertThat(PublishedEvent.parse("T-1", null)).isNull();
    assertThat(PublishedEvent.parse("T-1", bytes("not json"))).isNull();
    assertThat(PublishedEvent.parse("T-1", bytes("[1,2]"))).isNull();
    assertThat(PublishedEvent.parse("T-1", bytes("{\"id\":\"e-1\"}"))).isNull();
    assertThat(PublishedEvent.parse("T-1", bytes("{\"sequence\":3}"))).isNull();
    assertThat(PublishedEvent.parse("T-1", bytes("{\"id\":\"e-1\",\"sequence\":-1}"))).isNull();
    assertThat(PublishedEvent.parse("T-1", bytes("{\"id\":\"e-1\",\"sequence\":1.5}"))).isNull();
    assertThat(PublishedEvent.parse("T-1", bytes("{\"id\":{\"x\":1},\"sequence\":1}"))).isNull();
    assertThat(PublishedEvent.parse(null, bytes("{\"id\":\"e-1\",\"sequence\":1}"))).isNull();
    assertThat(PublishedEvent.parse("T-1", bytes("{\"id\":\"e-1\",\"sequence\":1"))).isNull();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
