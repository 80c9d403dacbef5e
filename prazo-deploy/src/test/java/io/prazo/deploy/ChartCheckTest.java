package io.prazo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks themselves, on small renderings: no helm needed. */
class ChartCheckTest {
  private static final Map<String, Object> VALUES =
      Yaml.document(
          """
          imagePullSecrets: [registry]
          database:
            existingSecret: {name: prazo-database, usernameKey: username, passwordKey: password}
          """);

  private static String fixture() throws IOException {
    try (InputStream in = ChartCheckTest.class.getResourceAsStream("/fixtures/rendered.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> problems(String rendering) {
    return ChartCheck.problems(Yaml.documents(rendering), VALUES);
  }

  private static String replaced(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replace(from, to);
  }

  @Test
  void aSoundRenderingHasNoProblem() throws IOException {
    assertThat(problems(fixture())).isEmpty();
  }

  @Test
  void reportsAContainerWithoutReadinessProbe() throws IOException {
    String broken =
        replaced(
            fixture(),
            "          readinessProbe:\n            httpGet: {path: /actuator/health/readiness, port: http}\n",
            "");
    assertThat(problems(broken))
        .containsExactly("Deployment r-ticket-query container ticket-query has no readinessProbe");
  }

  @Test
  void reportsAnInitContainerWithoutProbesOrLimits() throws IOException {
    String broken =
        replaced(
            replaced(fixture(), "          livenessProbe: {exec: {command: [\"true\"]}}\n", ""),
            "            limits: {cpu: 100m, memory: 16Mi}\n",
            "");
    assertThat(problems(broken))
        .contains(
            "Deployment r-ticket-query container wait has no livenessProbe",
            "Deployment r-ticket-query container wait has no resources.limits.cpu",
            "Deployment r-ticket-query container wait has no resources.limits.memory");
  }

  @Test
  void reportsRunAsRootOnTheContainerEvenWhenThePodSaysOtherwise() throws IOException {
    String broken =
        replaced(fixture(), "            runAsUser: 10001\n", "            runAsUser: 0\n");
    assertThat(problems(broken))
        .containsExactly(
            "Deployment r-ticket-query container ticket-query runs as user 0: a fixed user other"
                + " than 0 is required");
  }

  @Test
  void reportsAPodThatMayRunAsRoot() throws IOException {
    String broken =
        replaced(
            fixture(),
            "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n",
            "");
    assertThat(problems(broken))
        .containsExactlyInAnyOrder(
            "Deployment r-ticket-query container wait may run as root: runAsNonRoot is not true",
            "Deployment r-ticket-query container wait runs as user null: a fixed user other than"
                + " 0 is required");
  }

  @Test
  void reportsAnInlinedSecret() throws IOException {
    String broken =
        fixture()
            + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: prazo-database}\n"
            + "stringData: {password: hunter2}\n";
    assertThat(problems(broken))
        .containsExactly(
            "Secret prazo-database inlines secret data: Secrets are referenced, never rendered");
  }

  @Test
  void reportsASecretTheValuesDoNotNameAsExisting() throws IOException {
    String broken =
        replaced(fixture(), "{name: prazo-database, key: password}", "{name: db-creds, key: pw}");
    assertThat(problems(broken))
        .containsExactly(
            "Deployment r-ticket-query container ticket-query env PRAZO_DB_PASSWORD refers to"
                + " Secret db-creds, which the values do not name as an existing one");
  }

  @Test
  void reportsACredentialInPlainEnvironment() throws IOException {
    String broken =
        replaced(
            fixture(),
            "            - {name: PORT, value: \"8082\"}\n",
            "            - {name: PORT, value: \"8082\"}\n"
                + "            - {name: PRAZO_SLA_PROJECTOR_COMMAND_TOKEN, value: eyJ.x.y}\n");
    assertThat(problems(broken))
        .containsExactly(
            "Deployment r-ticket-query container ticket-query env PRAZO_SLA_PROJECTOR_COMMAND_TOKEN"
                + " looks like a credential but is not from a Secret");
  }

  @Test
  void reportsAnAutoscalerOfAMissingDeployment() throws IOException {
    String broken =
        replaced(
            fixture(),
            "kind: Deployment, name: r-ticket-query}",
            "kind: Deployment, name: r-query}");
    assertThat(problems(broken))
        .containsExactly(
            "HorizontalPodAutoscaler r-ticket-query scales Deployment r-query, which is not rendered");
  }

  @Test
  void reportsADisruptionBudgetSelectingNoPods() throws IOException {
    String broken =
        replaced(
            fixture(),
            "    matchLabels: {app.kubernetes.io/name: ticket-query, app.kubernetes.io/instance: r}",
            "    matchLabels: {app.kubernetes.io/name: ticket-query, app.kubernetes.io/instance: other}");
    assertThat(problems(broken)).hasSize(1);
    assertThat(problems(broken).get(0))
        .startsWith("PodDisruptionBudget r-ticket-query selects")
        .endsWith("which no rendered workload's pods carry");
  }

  @Test
  void reportsARouteToAMissingServiceOrPort() throws IOException {
    assertThat(
            problems(
                replaced(
                    fixture(),
                    "{name: r-ticket-query, port: 8082}",
                    "{name: r-query, port: 8082}")))
        .containsExactly("HTTPRoute r-prazo sends to Service r-query, which is not rendered");
    assertThat(
            problems(
                replaced(
                    fixture(),
                    "{name: r-ticket-query, port: 8082}",
                    "{name: r-ticket-query, port: 8081}")))
        .containsExactly("HTTPRoute r-prazo sends to port 8081 of r-ticket-query, which it lacks");
  }

  @Test
  void existingSecretsAreCollectedAtAnyDepthAndFromImagePullSecrets() {
    Map<String, Object> values =
        Yaml.document(
            """
            imagePullSecrets: [registry]
            kafka: {credentials: {existingSecret: {name: prazo-kafka}}}
            a: {b: [{existingSecret: {name: deep}}]}
            unnamed: {existingSecret: {name: ""}}
            """);
    assertThat(ChartCheck.existingSecretNames(values))
        .containsExactlyInAnyOrder("registry", "prazo-kafka", "deep");
  }

  @Test
  void mergedValuesFollowHelm() {
    Map<String, Object> base = Yaml.document("a: {b: 1, c: 2}\nlist: [1, 2]\ngone: x\n");
    Map<String, Object> override = Yaml.document("a: {c: 3}\nlist: [9]\ngone: null\n");
    assertThat(Yaml.merge(base, override)).isEqualTo(Yaml.document("a: {b: 1, c: 3}\nlist: [9]\n"));
  }
}
