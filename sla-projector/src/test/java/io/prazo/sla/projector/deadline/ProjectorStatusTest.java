package io.prazo.sla.projector.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

class ProjectorStatusTest {
  private final ProjectorStatus status = new ProjectorStatus(null);

  @Test
  void exactlyOneOfTwoInstancesHoldingHalfTheSegmentsActsOnEachTicket() {
    Segment[] halves = Segment.splitBalanced(Segment.ROOT_SEGMENT, 1).toArray(Segment[]::new);
    List<EventTrackerStatus> first = List.of(live(halves[0]));
    List<EventTrackerStatus> second = List.of(live(halves[1]));
    List<String> tickets =
        IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID().toString()).toList();
    long byFirst = tickets.stream().filter(t -> status.acts(t, first)).count();
    long bySecond = tickets.stream().filter(t -> status.acts(t, second)).count();
    assertThat(tickets).allMatch(t -> status.acts(t, first) != status.acts(t, second));
    assertThat(byFirst + bySecond).isEqualTo(1000);
    assertThat(byFirst).as("both instances get work").isBetween(350L, 650L);
  }

  @Test
  void aSegmentThatIsReplayingOrFailingDoesNotAct() {
    EventTrackerStatus replaying = live(Segment.ROOT_SEGMENT);
    when(replaying.isReplaying()).thenReturn(true);
    when(replaying.getResetPosition()).thenReturn(OptionalLong.of(500));
    when(replaying.getCurrentPosition()).thenReturn(OptionalLong.of(499));
    assertThat(status.acts("t-1", List.of(replaying))).isFalse();

    when(replaying.getCurrentPosition()).thenReturn(OptionalLong.of(500));
    assertThat(status.acts("t-1", List.of(replaying)))
        .as("the replay is over once the reset position is processed")
        .isTrue();

    EventTrackerStatus failing = live(Segment.ROOT_SEGMENT);
    when(failing.isErrorState()).thenReturn(true);
    assertThat(status.acts("t-1", List.of(failing))).isFalse();
  }

  @Test
  void noSegmentsNoActions() {
    assertThat(status.acts("t-1", List.of())).isFalse();
  }

  private static EventTrackerStatus live(Segment segment) {
    EventTrackerStatus status = mock(EventTrackerStatus.class);
    when(status.getSegment()).thenReturn(segment);
    when(status.getCurrentPosition()).thenReturn(OptionalLong.of(10));
    when(status.getResetPosition()).thenReturn(OptionalLong.empty());
    return status;
  }
}
