package io.prazo.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every rendering of helm/prazo must hold, checked on the rendered objects: probes and
 * resources on every container, nothing running as root, Secrets only by reference to the existing
 * Secrets named in the values, credentials only from Secrets, and HPAs, PDBs and HTTPRoutes
 * pointing at objects that exist.
 */
public final class ChartCheck {
  /** Environment variable names that carry a credential. */
  public static final Pattern CREDENTIAL =
      Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|JAAS|CREDENTIAL|PRIVATE_?KEY).*");

  private static final Set<String> WORKLOADS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

  private final List<Map<String, Object>> objects;
  private final Set<String> existingSecrets;
  private final List<String> problems = new ArrayList<>();

  private ChartCheck(List<Map<String, Object>> objects, Set<String> existingSecrets) {
    this.objects = objects;
    this.existingSecrets = existingSecrets;
  }

  /**
   * @param objects the rendered objects
   * @param values the values they were rendered with (the chart's defaults merged with the file)
   * @return every problem found, each naming the object; empty when the rendering is sound
   */
  public static List<String> problems(
      List<Map<String, Object>> objects, Map<String, Object> values) {
    ChartCheck check = new ChartCheck(objects, existingSecretNames(values));
    check.run();
    return List.copyOf(check.problems);
  }

  /**
   * The Secret names the values declare as existing: every {@code existingSecret.name} at any depth
   * and every entry of {@code imagePullSecrets}.
   */
  public static Set<String> existingSecretNames(Map<String, Object> values) {
    Set<String> names = new LinkedHashSet<>();
    collectExistingSecrets(values, names);
    for (Object name : Yaml.list(values, "imagePullSecrets")) {
      names.add(String.valueOf(name));
    }
    return names;
  }

  private static void collectExistingSecrets(Object node, Set<String> names) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if ("existingSecret".equals(entry.getKey())) {
          String name = Yaml.text(entry.getValue(), "name");
          if (name != null && !name.isBlank()) {
            names.add(name);
          }
        }
        collectExistingSecrets(entry.getValue(), names);
      }
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectExistingSecrets(item, names));
    }
  }

  private void run() {
    for (Map<String, Object> object : objects) {
      String kind = Yaml.text(object, "kind");
      if ("Secret".equals(kind)) {
        checkSecret(object);
      } else if (WORKLOADS.contains(kind)) {
        checkPod(id(object), Yaml.map(object, "spec", "template", "spec"));
      } else if ("Pod".equals(kind)) {
        checkPod(id(object), Yaml.map(object, "spec"));
      } else if ("HorizontalPodAutoscaler".equals(kind)) {
        checkAutoscaler(object);
      } else if ("PodDisruptionBudget".equals(kind)) {
        checkDisruptionBudget(object);
      } else if ("HTTPRoute".equals(kind)) {
        checkRoute(object);
      }
    }
  }

  private void checkSecret(Map<String, Object> secret) {
    if (!Yaml.map(secret, "data").isEmpty() || !Yaml.map(secret, "stringData").isEmpty()) {
      problems.add(id(secret) + " inlines secret data: Secrets are referenced, never rendered");
    }
  }

  private void checkPod(String owner, Map<String, Object> pod) {
    Map<String, Object> podSecurity = Yaml.map(pod, "securityContext");
    for (Object name : Yaml.list(pod, "imagePullSecrets")) {
      referSecret(owner + " imagePullSecrets", Yaml.text(name, "name"));
    }
    for (Object volume : Yaml.list(pod, "volumes")) {
      String secretName = Yaml.text(volume, "secret", "secretName");
      if (secretName != null) {
        referSecret(owner + " volume " + Yaml.text(volume, "name"), secretName);
      }
      for (Object source : Yaml.list(volume, "projected", "sources")) {
        String projected = Yaml.text(source, "secret", "name");
        if (projected != null) {
          referSecret(owner + " volume " + Yaml.text(volume, "name"), projected);
        }
      }
    }
    List<Object> containers = new ArrayList<>(Yaml.list(pod, "initContainers"));
    containers.addAll(Yaml.list(pod, "containers"));
    if (Yaml.list(pod, "containers").isEmpty()) {
      problems.add(owner + " has no containers");
    }
    for (Object container : containers) {
      checkContainer(owner + " container " + Yaml.text(container, "name"), container, podSecurity);
    }
  }

  private void checkContainer(String where, Object container, Map<String, Object> podSecurity) {
    for (String probe : List.of("livenessProbe", "readinessProbe")) {
      if (Yaml.map(container, probe).isEmpty()) {
        problems.add(where + " has no " + probe);
      }
    }
    for (String bound : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        if (Yaml.at(container, "resources", bound, resource) == null) {
          problems.add(where + " has no resources." + bound + "." + resource);
        }
      }
    }
    Map<String, Object> security = Yaml.map(container, "securityContext");
    Object nonRoot =
        security.containsKey("runAsNonRoot")
            ? security.get("runAsNonRoot")
            : podSecurity.get("runAsNonRoot");
    if (!Boolean.TRUE.equals(nonRoot)) {
      problems.add(where + " may run as root: runAsNonRoot is not true");
    }
    Object user =
        security.containsKey("runAsUser")
            ? security.get("runAsUser")
            : podSecurity.get("runAsUser");
    if (!(user instanceof Number number) || number.longValue() == 0) {
      problems.add(where + " runs as user " + user + ": a fixed user other than 0 is required");
    }
    if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
      problems.add(where + " allows privilege escalation");
    }
    if (Boolean.TRUE.equals(security.get("privileged"))) {
      problems.add(where + " is privileged");
    }
    for (Object env : Yaml.list(container, "env")) {
      String name = Yaml.text(env, "name");
      String secretName = Yaml.text(env, "valueFrom", "secretKeyRef", "name");
      if (secretName != null) {
        referSecret(where + " env " + name, secretName);
      } else if (name != null && CREDENTIAL.matcher(name).matches()) {
        problems.add(where + " env " + name + " looks like a credential but is not from a Secret");
      }
    }
    for (Object source : Yaml.list(container, "envFrom")) {
      String secretName = Yaml.text(source, "secretRef", "name");
      if (secretName != null) {
        referSecret(where + " envFrom", secretName);
      }
    }
  }

  private void referSecret(String where, String name) {
    if (name == null || name.isBlank()) {
      problems.add(where + " refers to a Secret without a name");
    } else if (!existingSecrets.contains(name)) {
      problems.add(
          where
              + " refers to Secret "
              + name
              + ", which the values do not name as an existing one");
    }
  }

  private void checkAutoscaler(Map<String, Object> hpa) {
    String kind = Yaml.text(hpa, "spec", "scaleTargetRef", "kind");
    String name = Yaml.text(hpa, "spec", "scaleTargetRef", "name");
    if (find(kind, name) == null) {
      problems.add(id(hpa) + " scales " + kind + " " + name + ", which is not rendered");
    }
  }

  private void checkDisruptionBudget(Map<String, Object> pdb) {
    Map<String, Object> selector = Yaml.map(pdb, "spec", "selector", "matchLabels");
    boolean matches =
        !selector.isEmpty()
            && objects.stream()
                .filter(o -> WORKLOADS.contains(Yaml.text(o, "kind")))
                .map(o -> Yaml.map(o, "spec", "template", "metadata", "labels"))
                .anyMatch(labels -> labels.entrySet().containsAll(selector.entrySet()));
    if (!matches) {
      problems.add(id(pdb) + " selects " + selector + ", which no rendered workload's pods carry");
    }
  }

  private void checkRoute(Map<String, Object> route) {
    for (Object rule : Yaml.list(route, "spec", "rules")) {
      for (Object backend : Yaml.list(rule, "backendRefs")) {
        String name = Yaml.text(backend, "name");
        Object port = Yaml.at(backend, "port");
        Map<String, Object> service = find("Service", name);
        if (service == null) {
          problems.add(id(route) + " sends to Service " + name + ", which is not rendered");
        } else if (Yaml.list(service, "spec", "ports").stream()
            .noneMatch(p -> port != null && port.equals(Yaml.at(p, "port")))) {
          problems.add(id(route) + " sends to port " + port + " of " + name + ", which it lacks");
        }
      }
    }
  }

  private Map<String, Object> find(String kind, String name) {
    return objects.stream()
        .filter(o -> kind != null && kind.equals(Yaml.text(o, "kind")))
        .filter(o -> name != null && name.equals(Yaml.text(o, "metadata", "name")))
        .findFirst()
        .orElse(null);
  }

  private static String id(Map<String, Object> object) {
    return Yaml.text(object, "kind") + " " + Yaml.text(object, "metadata", "name");
  }
}
