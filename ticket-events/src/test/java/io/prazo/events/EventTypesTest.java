package io.prazo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTypesTest {

  @Test
  void namesAreUniqueAndInPrazosNamespace() {
    assertThat(EventTypes.all()).hasSize(TicketEvent.class.getPermittedSubclasses().length);
    assertThat(EventTypes.all().stream().map(EventTypes.Type::name).distinct())
        .hasSameSizeAs(EventTypes.all());
    assertThat(EventTypes.all())
        .allSatisfy(t -> assertThat(t.name()).matches("io\\.prazo\\.ticket\\.[a-z-]+"));
  }

  @Test
  void theFiveEventsOfTheBriefKeepTheirNames() {
    assertThat(EventTypes.of(TicketOpened.class).versionedName())
        .isEqualTo("io.prazo.ticket.opened.v2");
    assertThat(EventTypes.of(TicketPaused.class).name()).isEqualTo("io.prazo.ticket.paused");
    assertThat(EventTypes.of(TicketResolved.class).name()).isEqualTo("io.prazo.ticket.resolved");
    assertThat(EventTypes.of(ApprovalRequested.class).name())
        .isEqualTo("io.prazo.ticket.approval-requested");
    assertThat(EventTypes.of(TicketAutoClosed.class).name())
        .isEqualTo("io.prazo.ticket.auto-closed");
  }

  @Test
  void refusesAClassThatIsNoTicketEvent() {
    assertThatThrownBy(() -> EventTypes.of(String.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(EventTypes.named("io.prazo.ticket.nothing")).isEmpty();
  }

  @Test
  void metadataSurvivesItsFlatForm() {
    Actor actor = new Actor("c-1", Role.CUSTOMER, "acme");
    var map = MetadataKeys.forCommand(actor, "corr-1", "cause-1");
    assertThat(MetadataKeys.read(map)).isEqualTo(new EventMetadata(actor, "corr-1", "cause-1"));
    assertThat(MetadataKeys.forCommand(Actor.system("sla"), "c", null))
        .doesNotContainKeys(MetadataKeys.ACTOR_ORGANIZATION, MetadataKeys.CAUSATION_ID);
  }
}
