package io.prazo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.sla.CatalogJson;
import io.prazo.sla.Presets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * helm/prazo rendered by a real helm binary (-Dprazo.helm=PATH; deploy/helm.sh prints one). Without
 * it the test is skipped, unless -Dprazo.helm.required=true (CI), where that is a failure.
 */
class HelmChartTest {
  private static Path helm;

  @BeforeAll
  static void findHelm() {
    String configured = System.getProperty("prazo.helm", "");
    boolean required = Boolean.parseBoolean(System.getProperty("prazo.helm.required", "false"));
    if (configured.isBlank()) {
      if (required) {
        fail("prazo.helm.required is set but prazo.helm names no helm binary (deploy/helm.sh)");
      }
      return;
    }
    helm = Path.of(configured);
    if (!Files.isExecutable(helm)) {
      fail("prazo.helm=" + configured + " is not an executable file");
    }
  }

  @BeforeEach
  void needsHelm() {
    Assumptions.assumeTrue(
        helm != null, "skipped: no helm binary; run with -Dprazo.helm=$(deploy/helm.sh)");
  }

  record Run(int exit, String out, String err) {}

  private static Run helm(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(helm.toString());
    command.addAll(List.of(arguments));
    Path err = Files.createTempFile("helm", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail("helm " + String.join(" ", arguments) + " did not finish in 2 minutes");
      }
      return new Run(process.exitValue(), out, Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }

  private static List<Map<String, Object>> render(Path chart, Path valuesFile)
      throws IOException, InterruptedException {
    Run run =
        valuesFile == null
            ? helm("template", "prazo", chart.toString())
            : helm("template", "prazo", chart.toString(), "-f", valuesFile.toString());
    assertThat(run.exit()).as("helm template failed:\n%s", run.err()).isZero();
    return Yaml.documents(run.out());
  }

  private static Map<String, Object> values(Path chart, Path valuesFile) throws IOException {
    Map<String, Object> defaults = Yaml.document(Files.readString(chart.resolve("values.yaml")));
    return valuesFile == null
        ? defaults
        : Yaml.merge(defaults, Yaml.document(Files.readString(valuesFile)));
  }

  private static Path chart() {
    return Repository.root().resolve("helm/prazo");
  }

  private static List<String> kinds(List<Map<String, Object>> objects) {
    return objects.stream()
        .map(o -> Yaml.text(o, "kind") + "/" + Yaml.text(o, "metadata", "name"))
        .toList();
  }

  @Test
  void lintsWithDefaultAndProductionValues() throws Exception {
    Run defaults = helm("lint", "--strict", chart().toString());
    assertThat(defaults.exit()).as(defaults.out() + defaults.err()).isZero();
    Run production =
        helm(
            "lint",
            "--strict",
            chart().toString(),
            "-f",
            chart().resolve("ci/production-values.yaml").toString());
    assertThat(production.exit()).as(production.out() + production.err()).isZero();
  }

  @Test
  void defaultRenderingPassesEveryCheck() throws Exception {
    List<Map<String, Object>> objects = render(chart(), null);
    assertThat(kinds(objects))
        .contains(
            "Deployment/prazo-ticket-command",
            "Deployment/prazo-ticket-query",
            "Deployment/prazo-sla-projector",
            "Service/prazo-ticket-command",
            "Service/prazo-ticket-query",
            "Service/prazo-sla-projector",
            "ConfigMap/prazo-prazo-catalog",
            "HorizontalPodAutoscaler/prazo-ticket-query",
            "PodDisruptionBudget/prazo-ticket-command")
        .noneMatch(k -> k.startsWith("Secret/") || k.startsWith("ServiceMonitor/"));
    assertThat(ChartCheck.problems(objects, values(chart(), null))).isEmpty();
  }

  @Test
  void productionRenderingPassesEveryCheck() throws Exception {
    Path production = chart().resolve("ci/production-values.yaml");
    List<Map<String, Object>> objects = render(chart(), production);
    assertThat(kinds(objects))
        .contains(
            "HorizontalPodAutoscaler/prazo-ticket-query",
            "HorizontalPodAutoscaler/prazo-sla-projector",
            "ServiceMonitor/prazo-prazo",
            "HTTPRoute/prazo-prazo");
    assertThat(ChartCheck.problems(objects, values(chart(), production))).isEmpty();

    Map<String, Object> catalog =
        objects.stream()
            .filter(o -> "ConfigMap".equals(Yaml.text(o, "kind")))
            .findFirst()
            .orElseThrow();
    assertThat(Yaml.map(catalog, "data"))
        .containsKeys("calendar.br-8x5.json", "policy.pronnus.json");
    assertThat(Yaml.document(Yaml.text(catalog, "data", "policy.pronnus.json")))
        .containsEntry("id", "pronnus")
        .containsEntry("businessDayCalendar", "br-8x5");
    assertImportable(Yaml.map(catalog, "data"));
  }

  /**
   * Every document is a valid definition by sla-core's reader, the one ticket-command's import
   * uses: a catalog it refuses would stop ticket-command from starting. Policies may name the
   * presets' calendars and the ConfigMap's own.
   */
  private static void assertImportable(Map<String, Object> data) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Set<String> calendars = new HashSet<>();
    Presets.calendars(Year.now()).forEach(c -> calendars.add(c.id()));
    for (Map.Entry<String, Object> file : data.entrySet()) {
      if (file.getKey().startsWith("calendar.")) {
        String id = file.getKey().substring("calendar.".length(), file.getKey().length() - 5);
        calendars.add(
            CatalogJson.readCalendar(json.readTree((String) file.getValue()), id, 1).id());
      }
    }
    for (Map.Entry<String, Object> file : data.entrySet()) {
      if (file.getKey().startsWith("policy.")) {
        String id = file.getKey().substring("policy.".length(), file.getKey().length() - 5);
        CatalogJson.readPolicy(json.readTree((String) file.getValue()), id, 1, calendars::contains);
      }
    }
  }

  @Test
  void routesCommandsAndQueriesToTheirServices() throws Exception {
    List<Map<String, Object>> objects =
        render(chart(), chart().resolve("ci/production-values.yaml"));
    Map<String, Object> route =
        objects.stream()
            .filter(o -> "HTTPRoute".equals(Yaml.text(o, "kind")))
            .findFirst()
            .orElseThrow();
    List<String> rules =
        Yaml.list(route, "spec", "rules").stream()
            .flatMap(
                rule ->
                    Yaml.list(rule, "matches").stream()
                        .map(
                            m ->
                                Yaml.text(m, "method")
                                    + " "
                                    + Yaml.text(m, "path", "type")
                                    + " "
                                    + Yaml.text(m, "path", "value")
                                    + " -> "
                                    + Yaml.text(Yaml.list(rule, "backendRefs").get(0), "name")))
            .toList();
    assertThat(rules)
        .contains(
            "GET PathPrefix /api/tickets -> prazo-ticket-query",
            "null PathPrefix /api/tickets -> prazo-ticket-command",
            "null PathPrefix /api/reports -> prazo-ticket-query",
            "null PathPrefix /api/policies -> prazo-ticket-command",
            "null PathPrefix /api/calendars -> prazo-ticket-command",
            "null PathPrefix /api/organizations -> prazo-ticket-command",
            "null PathPrefix /api/admin/projections/sla-projector -> prazo-sla-projector");
  }

  @Test
  void badValuesFailSchemaValidation() throws Exception {
    Run run =
        helm(
            "template",
            "prazo",
            chart().toString(),
            "-f",
            chart().resolve("ci/invalid.yaml").toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.err())
        .contains("values don't meet the specifications of the schema")
        .contains("database: Additional property password is not allowed")
        .contains("services.ticketQuery.replicas: Invalid type")
        .contains("auth");
  }

  @Test
  void theChecksCatchABrokenCopyOfTheChart(@TempDir Path temp) throws Exception {
    Path copy = temp.resolve("prazo");
    try (Stream<Path> files = Files.walk(chart())) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(chart().relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Path deployments = copy.resolve("templates/deployments.yaml");
    String template = Files.readString(deployments);
    String noReadiness =
        template.replaceFirst("(?s)          readinessProbe:\n.*?failureThreshold: 3\n", "");
    String rootUser =
        noReadiness.replace("            runAsUser: 10001\n", "            runAsUser: 0\n");
    assertThat(rootUser).isNotEqualTo(noReadiness).isNotEqualTo(template);
    Files.writeString(deployments, rootUser);
    Files.writeString(
        copy.resolve("templates/secret.yaml"),
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: inlined\nstringData:\n  password: hunter2\n");

    List<String> problems = ChartCheck.problems(render(copy, null), values(copy, null));

    assertThat(problems)
        .contains(
            "Deployment prazo-ticket-query container ticket-query has no readinessProbe",
            "Deployment prazo-sla-projector container sla-projector runs as user 0: a fixed user"
                + " other than 0 is required",
            "Secret inlined inlines secret data: Secrets are referenced, never rendered");
  }
}
