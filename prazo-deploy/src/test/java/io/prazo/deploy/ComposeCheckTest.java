package io.prazo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeCheckTest {

  private static List<String> problems(String compose, String prometheus) {
    return ComposeCheck.problems(Yaml.document(compose), Yaml.document(prometheus));
  }

  private static String compose() throws IOException {
    return Repository.read("docker-compose.yml");
  }

  private static String prometheus() throws IOException {
    return Repository.read("deploy/prometheus/prometheus.yml");
  }

  private static String replaced(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replaceFirst(
        java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }

  @Test
  void theRepositorysComposeFileAndPrometheusConfigurationAreSound() throws IOException {
    assertThat(problems(compose(), prometheus())).isEmpty();
  }

  @Test
  void reportsAServiceWithoutHealthCheck() throws IOException {
    String broken =
        replaced(
            compose(),
            "    healthcheck:\n      test: [\"CMD\", \"pg_isready\", \"-U\", \"prazo\", \"-d\", \"prazo\"]\n",
            "    healthcheck:\n      disable: true\n");
    assertThat(problems(broken, prometheus())).containsExactly("postgres has no health check");
  }

  @Test
  void reportsADependencyOnAnUndefinedServiceAndAWeakCondition() throws IOException {
    String broken =
        replaced(
            compose(),
            "      ticket-command:\n        condition: service_healthy\n\n  sla-projector:",
            "      ticket-commands:\n        condition: service_started\n\n  sla-projector:");
    assertThat(problems(broken, prometheus()))
        .containsExactlyInAnyOrder(
            "ticket-query depends on ticket-commands, which is not defined",
            "ticket-query waits for ticket-commands with condition service_started, not"
                + " service_healthy");
  }

  @Test
  void reportsAMissingServiceAndAWrongPort() throws IOException {
    String broken = replaced(compose(), "      - \"8083:8083\"\n", "      - \"18083:8083\"\n");
    assertThat(problems(broken, prometheus()))
        .containsExactly("sla-projector does not publish 8083:8083");
    String renamed = compose().replace("  grafana:\n", "  dashboards:\n");
    assertThat(problems(renamed, prometheus())).hasSize(1);
    assertThat(problems(renamed, prometheus()).get(0)).startsWith("services are [");
  }

  @Test
  void reportsAServiceThatPrometheusDoesNotScrape() throws IOException {
    String broken = replaced(prometheus(), "\"ticket-query:8082\"", "\"ticket-query:9999\"");
    assertThat(problems(compose(), broken))
        .containsExactly("Prometheus does not scrape ticket-query:8082/actuator/prometheus");
  }
}
