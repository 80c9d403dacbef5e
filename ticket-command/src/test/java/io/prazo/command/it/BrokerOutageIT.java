package io.prazo.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.prazo.command.TicketCommandApplication;
import io.prazo.command.publish.KafkaPublisherProperties;
import io.prazo.events.Role;
import io.prazo.testing.Http;
import io.prazo.testing.TestKafka;
import io.prazo.testing.TestPostgres;
import io.prazo.web.security.DevTokenIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker goes away for a while: commands are still accepted, and once it is back every event
 * stored meanwhile arrives, in order, none missing. On a broker of its own, since it is stopped.
 */
@SpringBootTest(
    classes = TicketCommandApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prazo.security.dev-issuer.enabled=true",
      "prazo.clock=test",
      "prazo.clock.start=2026-03-02T12:00:00Z",
      "prazo.kafka.delivery-timeout=5s",
      "prazo.kafka.max-block=3s"
    })
class BrokerOutageIT {
  static final TestKafka BROKER = TestKafka.dedicated();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestPostgres.shared().newDatabase().registerAsDataSource(registry::add);
    BROKER.registerAsBroker(registry::add);
    registry.add("prazo.security.dev-issuer.key-file", CommandServiceIT.KEY_FILE::toString);
  }

  @AfterAll
  static void closeBroker() {
    BROKER.close();
  }

  @LocalServerPort int port;
  @Autowired DevTokenIssuer tokens;
  @Autowired JdbcTemplate jdbc;
  @Autowired KafkaPublisherProperties kafka;
  @Autowired MeterRegistry meters;

  @Test
  void eventsStoredWhileTheBrokerIsDownArriveInOrderOnceItIsBack() throws Exception {
    Http http = new Http(port);
    String supervisor = tokens.issue("sup-1", List.of(Role.SUPERVISOR), null).token();
    String customer = tokens.issue("cust-1", List.of(Role.CUSTOMER), "acme").token();
    String agent = tokens.issue("agent-1", List.of(Role.AGENT), null).token();
    assertThat(
            http.put("/api/organizations/acme/contract", supervisor, "{\"policyId\":\"pronnus\"}")
                .status())
        .isEqualTo(200);
    TicketTraffic traffic = new TicketTraffic(http, customer, agent);

    List<String> before = traffic.run(5, 4);
    try (PublishedTopic topic = new PublishedTopic(BROKER, kafka.topic())) {
      topic.awaitAll(PublishedTopic.stored(jdbc, before), Duration.ofSeconds(60));

      BROKER.stop();
      List<String> during;
      try {
        during = traffic.run(20, 4); // every command answered: none waits for the broker
        awaitFailedBatch();
      } finally {
        BROKER.start();
      }
      List<String> after = traffic.run(5, 4);

      List<String> all = new ArrayList<>(before);
      all.addAll(during);
      all.addAll(after);
      List<PublishedTopic.Stored> stored = PublishedTopic.stored(jdbc, all);
      assertThat(stored).hasSize(30 * TicketTraffic.EVENTS_PER_TICKET);
      PublishedTopic.assertMatchesStore(topic.awaitAll(stored, Duration.ofSeconds(120)), stored);
    }
  }

  /** Waits until the publisher has noticed the outage: a batch failed and will be sent again. */
  private void awaitFailedBatch() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (meters.get("prazo.kafka.publish.failures").counter().count() < 1) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the publisher never reported a failed batch");
      }
      Thread.sleep(100);
    }
  }
}
