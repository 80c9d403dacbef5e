package io.prazo.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What docker-compose.yml must hold: the service set, a health check on every service, the three
 * services' ports, start order on health, no reference to an undefined service, and a Prometheus
 * configuration that scrapes the three.
 */
public final class ComposeCheck {
  /** The services docker-compose.yml runs. */
  public static final Set<String> SERVICES =
      Set.of(
          "postgres",
          "kafka",
          "ticket-command",
          "ticket-query",
          "sla-projector",
          "prometheus",
          "grafana");

  /** Prazo's services and the port each listens on (api.md). */
  public static final Map<String, Integer> PORTS =
      Map.of("ticket-command", 8081, "ticket-query", 8082, "sla-projector", 8083);

  private ComposeCheck() {}

  /**
   * @param compose docker-compose.yml, parsed
   * @param prometheus the Prometheus configuration it mounts, parsed
   * @return every problem found; empty when sound
   */
  public static List<String> problems(Map<String, Object> compose, Map<String, Object> prometheus) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> services = Yaml.map(compose, "services");
    if (!services.keySet().equals(SERVICES)) {
      problems.add(
          "services are "
              + new TreeSet<>(services.keySet())
              + ", expected "
              + new TreeSet<>(SERVICES));
    }
    for (Map.Entry<String, Object> entry : services.entrySet()) {
      String name = entry.getKey();
      Object service = entry.getValue();
      Object test = Yaml.at(service, "healthcheck", "test");
      if (test == null || Boolean.TRUE.equals(Yaml.at(service, "healthcheck", "disable"))) {
        problems.add(name + " has no health check");
      } else if (test instanceof List<?> words && !words.isEmpty() && "NONE".equals(words.get(0))) {
        problems.add(name + " switches its health check off");
      }
      Object dependsOn = Yaml.at(service, "depends_on");
      if (dependsOn instanceof List<?> list) {
        problems.add(
            name
                + " depends_on "
                + list
                + " without conditions: start order needs service_healthy");
      }
      for (Map.Entry<String, Object> dependency : Yaml.map(service, "depends_on").entrySet()) {
        if (!services.containsKey(dependency.getKey())) {
          problems.add(name + " depends on " + dependency.getKey() + ", which is not defined");
        }
        String condition = Yaml.text(dependency.getValue(), "condition");
        if (!"service_healthy".equals(condition)) {
          problems.add(
              name
                  + " waits for "
                  + dependency.getKey()
                  + " with condition "
                  + condition
                  + ", not service_healthy");
        }
      }
      for (Object link : Yaml.list(service, "links")) {
        problems.add(
            name + " uses links (" + link + "): services find each other by configuration");
      }
    }
    for (Map.Entry<String, Integer> port : PORTS.entrySet()) {
      Object service = services.get(port.getKey());
      if (service == null) {
        continue;
      }
      String expected = port.getValue() + ":" + port.getValue();
      if (Yaml.list(service, "ports").stream().map(String::valueOf).noneMatch(expected::equals)) {
        problems.add(port.getKey() + " does not publish " + expected);
      }
      if (!String.valueOf(port.getValue()).equals(Yaml.text(service, "environment", "PORT"))) {
        problems.add(port.getKey() + " does not set PORT=" + port.getValue());
      }
      if (Yaml.text(service, "build", "dockerfile") == null
          || !Yaml.text(service, "build", "dockerfile").equals(port.getKey() + "/Dockerfile")) {
        problems.add(port.getKey() + " is not built from " + port.getKey() + "/Dockerfile");
      }
    }
    problems.addAll(scrapeProblems(prometheus));
    return problems;
  }

  private static List<String> scrapeProblems(Map<String, Object> prometheus) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Integer> port : PORTS.entrySet()) {
      String target = port.getKey() + ":" + port.getValue();
      boolean scraped =
          Yaml.list(prometheus, "scrape_configs").stream()
              .filter(job -> "/actuator/prometheus".equals(Yaml.text(job, "metrics_path")))
              .flatMap(job -> Yaml.list(job, "static_configs").stream())
              .flatMap(config -> Yaml.list(config, "targets").stream())
              .anyMatch(target::equals);
      if (!scraped) {
        problems.add("Prometheus does not scrape " + target + "/actuator/prometheus");
      }
    }
    return problems;
  }
}
