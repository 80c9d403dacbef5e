package io.prazo.command.it;

import static io.prazo.command.it.TicketLifecycleIT.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.eventstore.PrazoEventStoreAutoConfiguration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A service deployed apart finds the events other services commit only by polling the store: a
 * second event store on the same database, which this JVM's commits never wake, stands for it.
 */
class EventStoreFetchDelayIT extends CommandServiceIT {
  @Autowired EventStorageEngine storageEngine;

  @Test
  void anotherServicesStoreFindsNewEventsByPollingEveryFetchDelay() throws Exception {
    contract("acme", "pronnus");
    EmbeddedEventStore quick = store(Duration.ofMillis(50));
    EmbeddedEventStore slow = store(Duration.ofHours(1));
    try {
      TrackingToken before = storageEngine.createHeadToken();
      expect(201, open());
      TrackingEventStream quickStream = quick.openStream(before);
      TrackingEventStream slowStream = slow.openStream(before);
      assertThat(quickStream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
      assertThat(slowStream.hasNextAvailable(10, TimeUnit.SECONDS))
          .as("the first fetch finds what was committed before the stream opened")
          .isTrue();
      quickStream.nextAvailable();
      slowStream.nextAvailable();
      assertThat(slowStream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();

      expect(201, open());

      assertThat(quickStream.hasNextAvailable(10, TimeUnit.SECONDS))
          .as("found by the next poll, 50 ms later")
          .isTrue();
      assertThat(slowStream.hasNextAvailable(2, TimeUnit.SECONDS))
          .as("not found before the next poll, an hour later")
          .isFalse();
    } finally {
      quick.shutDown();
      slow.shutDown();
    }
  }

  @Test
  void aFetchDelayOfZeroOrLessIsRefused() {
    assertThatThrownBy(() -> store(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prazo.eventstore.fetch-delay must be positive");
  }

  private EmbeddedEventStore store(Duration fetchDelay) {
    return PrazoEventStoreAutoConfiguration.eventStore(
        storageEngine, NoOpMessageMonitor.INSTANCE, null, fetchDelay);
  }
}
