package io.prazo.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the query benchmark's tickets are: twenty organizations on the four preset policies and on
 * one benchmark policy, mixed priorities, three in ten tickets assigned to one of eight agents and
 * one in ten paused. Pure and deterministic: ticket {@code i} of every run gets the same plan.
 *
 * <p>The benchmark policy {@value #FAST_POLICY} gives the {@code slaStatus} filters something to
 * find within minutes: its {@code FAST} tickets breach both clocks two seconds after they open (and
 * the SLA projector escalates them), its {@code WATCH} tickets are at risk 90 seconds after they
 * open and breach an hour later.
 */
final class QueryPlan {

  static final int ORGANIZATIONS = 20;
  static final int ASSIGNEES = 8;
  static final String FAST_POLICY = "load-fast";

  /** An organization, the policy its contract binds, and the priorities its tickets get. */
  record Organization(String id, String policyId, List<String> priorities) {}

  /**
   * What happens to one ticket.
   *
   * @param organization index into {@link #organizations()}
   * @param priority the priority it is opened with
   * @param assignee who it is assigned to after opening, or null
   * @param paused whether it is paused (awaiting the customer) after opening
   */
  record Ticket(int organization, String priority, String assignee, boolean paused) {}

  private static final List<Organization> ORGS = build();

  private QueryPlan() {}

  static List<Organization> organizations() {
    return ORGS;
  }

  /** The agents tickets are assigned to. */
  static List<String> assignees() {
    List<String> assignees = new ArrayList<>(ASSIGNEES);
    for (int i = 1; i <= ASSIGNEES; i++) {
      assignees.add("queue-agent-" + i);
    }
    return assignees;
  }

  static String customerId(Organization organization) {
    return organization.id() + "-customer";
  }

  /** Ticket {@code index}'s plan: organization, priority and follow-up drawn from its hash. */
  static Ticket ticket(int index) {
    long h = mix(index);
    int organization = (int) Long.remainderUnsigned(h, ORGANIZATIONS);
    h = Long.divideUnsigned(h, ORGANIZATIONS);
    int action = (int) (h % 10);
    h /= 10;
    List<String> priorities = ORGS.get(organization).priorities();
    String priority = priorities.get((int) (h % priorities.size()));
    h /= priorities.size();
    String assignee = action < 3 ? "queue-agent-" + (1 + h % ASSIGNEES) : null;
    return new Ticket(organization, priority, assignee, action == 5);
  }

  /** The body of {@code PUT /api/policies/load-fast}. */
  static Map<String, Object> fastPolicy() {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("id", FAST_POLICY);
    policy.put("name", "Load benchmark: breaches and risks within minutes");
    policy.put("businessDayCalendar", "br-8x5");
    policy.put("complianceGoal", 0.8);
    policy.put("warnAt", 0.025);
    policy.put("autoCloseAfterBusinessDays", 4);
    policy.put("pauseReasons", List.of("AWAITING_CUSTOMER"));
    policy.put(
        "priorities",
        List.of(
            Map.of(
                "id",
                "FAST",
                "label",
                "Breaches at once",
                "firstResponse",
                target("PT1S"),
                "resolution",
                target("PT2S")),
            Map.of("id", "WATCH", "label", "At risk after 90 s", "resolution", target("PT1H"))));
    return policy;
  }

  private static Map<String, Object> target(String amount) {
    return Map.of("amount", amount, "calendar", "24x7");
  }

  private static List<Organization> build() {
    List<Organization> orgs = new ArrayList<>(ORGANIZATIONS);
    List<Organization> presets =
        List.of(
            new Organization("", "pronnus", List.of("URGENT", "HIGH", "MEDIUM", "LOW")),
            new Organization("", "wati-business-plus", List.of("P1", "P2", "P3", "P4")),
            new Organization("", "presence", List.of("P0", "P1", "P2", "P3")),
            new Organization("", "standard", List.of("P1", "P2", "P3", "P4")));
    for (int i = 1; i < ORGANIZATIONS; i++) {
      Organization preset = presets.get((i - 1) % presets.size());
      orgs.add(new Organization(orgId(i), preset.policyId(), preset.priorities()));
    }
    orgs.add(new Organization(orgId(ORGANIZATIONS), FAST_POLICY, List.of("FAST", "WATCH")));
    return List.copyOf(orgs);
  }

  private static String orgId(int number) {
    return String.format(Locale.ROOT, "queue-org-%02d", number);
  }

  /** SplitMix64's finalizer: neighbouring indices get unrelated plans. */
  private static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
