package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QueryPlanTest {

  private static final int TICKETS = 20_000;

  @Test
  void twentyOrganizationsShareTheFourPresetsAndOneIsOnTheBenchmarkPolicy() {
    List<QueryPlan.Organization> organizations = QueryPlan.organizations();

    assertThat(organizations).hasSize(QueryPlan.ORGANIZATIONS);
    assertThat(organizations).extracting(QueryPlan.Organization::id).doesNotHaveDuplicates();
    assertThat(organizations.get(0).id()).isEqualTo("queue-org-01");
    Map<String, Long> byPolicy =
        organizations.stream()
            .collect(
                Collectors.groupingBy(QueryPlan.Organization::policyId, Collectors.counting()));
    assertThat(byPolicy)
        .containsOnlyKeys(
            "pronnus", "wati-business-plus", "presence", "standard", QueryPlan.FAST_POLICY);
    assertThat(byPolicy.get(QueryPlan.FAST_POLICY)).isEqualTo(1);
    assertThat(byPolicy.get("pronnus")).isBetween(4L, 5L);
  }

  @Test
  void theSameIndexAlwaysGetsTheSamePlan() {
    for (int i = 0; i < 100; i++) {
      assertThat(QueryPlan.ticket(i)).isEqualTo(QueryPlan.ticket(i));
    }
    assertThat(QueryPlan.ticket(0)).isNotEqualTo(QueryPlan.ticket(1));
  }

  @Test
  void everyPriorityIsOnItsOrganizationsScale() {
    for (int i = 0; i < TICKETS; i++) {
      QueryPlan.Ticket ticket = QueryPlan.ticket(i);
      assertThat(QueryPlan.organizations().get(ticket.organization()).priorities())
          .contains(ticket.priority());
    }
  }

  @Test
  void ticketsSpreadEvenlyOverOrganizationsPrioritiesAndAssignees() {
    Map<Integer, Integer> perOrganization = new HashMap<>();
    Map<String, Integer> perAssignee = new HashMap<>();
    Map<String, Integer> perPriorityOfTheFirst = new HashMap<>();
    for (int i = 0; i < TICKETS; i++) {
      QueryPlan.Ticket ticket = QueryPlan.ticket(i);
      perOrganization.merge(ticket.organization(), 1, Integer::sum);
      if (ticket.assignee() != null) {
        perAssignee.merge(ticket.assignee(), 1, Integer::sum);
      }
      if (ticket.organization() == 0) {
        perPriorityOfTheFirst.merge(ticket.priority(), 1, Integer::sum);
      }
    }

    assertThat(perOrganization).hasSize(QueryPlan.ORGANIZATIONS);
    perOrganization.values().forEach(n -> assertThat(n).isBetween(850, 1150));
    assertThat(perAssignee.keySet()).containsExactlyInAnyOrderElementsOf(QueryPlan.assignees());
    perAssignee.values().forEach(n -> assertThat(n).isBetween(600, 900));
    assertThat(perPriorityOfTheFirst).containsOnlyKeys("URGENT", "HIGH", "MEDIUM", "LOW");
    perPriorityOfTheFirst.values().forEach(n -> assertThat(n).isBetween(180, 320));
  }

  @Test
  void threeInTenAreAssignedAndOneInTenPausedInEveryOrganization() {
    int[] tickets = new int[QueryPlan.ORGANIZATIONS];
    int[] assigned = new int[QueryPlan.ORGANIZATIONS];
    int[] paused = new int[QueryPlan.ORGANIZATIONS];
    for (int i = 0; i < TICKETS; i++) {
      QueryPlan.Ticket ticket = QueryPlan.ticket(i);
      tickets[ticket.organization()]++;
      if (ticket.assignee() != null) {
        assigned[ticket.organization()]++;
      }
      if (ticket.paused()) {
        paused[ticket.organization()]++;
        assertThat(ticket.assignee()).isNull();
      }
    }
    for (int o = 0; o < QueryPlan.ORGANIZATIONS; o++) {
      assertThat((double) assigned[o] / tickets[o]).isCloseTo(0.3, within(0.05));
      assertThat((double) paused[o] / tickets[o]).isCloseTo(0.1, within(0.03));
    }
  }

  @Test
  void theBenchmarkPolicyBreachesAtOnceAndWarnsWithinMinutes() {
    Map<String, Object> policy = QueryPlan.fastPolicy();

    assertThat(policy.get("id")).isEqualTo(QueryPlan.FAST_POLICY);
    // WATCH: at risk after warnAt x 1 h = 90 s.
    assertThat((double) policy.get("warnAt") * 3600).isEqualTo(90.0);
    assertThat(policy.get("priorities").toString())
        .contains("id=FAST")
        .contains("amount=PT1S")
        .contains("amount=PT2S")
        .contains("id=WATCH")
        .contains("amount=PT1H");
    assertThat(QueryPlan.organizations().get(QueryPlan.ORGANIZATIONS - 1).priorities())
        .containsExactly("FAST", "WATCH");
  }
}
