package io.prazo.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's Dockerfile must hold: the layered jar extracted with Spring Boot's tools, a
 * fixed numeric non-root user in the final stage, a health check on the liveness probe, and the
 * service's port exposed.
 */
public final class DockerfileCheck {
  private static final Pattern INSTRUCTION = Pattern.compile("^\\s*([A-Za-z]+)\\s+(.*)$");

  private DockerfileCheck() {}

  /**
   * @param dockerfile the Dockerfile's text
   * @param port the port the service listens on
   * @return every problem found; empty when sound
   */
  public static List<String> problems(String dockerfile, int port) {
    List<String> finalStage = new ArrayList<>();
    boolean extracts = false;
    for (String line : joinContinuations(dockerfile)) {
      Matcher m = INSTRUCTION.matcher(line);
      if (line.strip().startsWith("#") || !m.matches()) {
        continue;
      }
      String instruction = m.group(1).toUpperCase();
      if (instruction.equals("FROM")) {
        finalStage.clear();
      }
      if (line.contains("-Djarmode=tools")
          && line.contains("extract")
          && line.contains("--layers")) {
        extracts = true;
      }
      finalStage.add(instruction + " " + m.group(2).strip());
    }
    List<String> problems = new ArrayList<>();
    if (!extracts) {
      problems.add("the jar's layers are not extracted with -Djarmode=tools extract --layers");
    }
    String user = null;
    for (String instruction : finalStage) {
      if (instruction.startsWith("USER ")) {
        user = instruction.substring(5).strip();
      }
    }
    if (user == null) {
      problems.add("the final stage sets no USER: it would run as root");
    } else if (!user.matches("[0-9]+(:[0-9]+)?") || user.matches("0(:.*)?")) {
      problems.add("USER " + user + " is not a fixed numeric user other than 0");
    }
    boolean healthcheck =
        finalStage.stream()
            .anyMatch(
                i ->
                    i.startsWith("HEALTHCHECK ")
                        && !i.equals("HEALTHCHECK NONE")
                        && i.contains("/actuator/health/liveness"));
    if (!healthcheck) {
      problems.add("no HEALTHCHECK on /actuator/health/liveness in the final stage");
    }
    boolean exposed =
        finalStage.stream()
            .filter(i -> i.startsWith("EXPOSE "))
            .flatMap(i -> List.of(i.substring(7).strip().split("\\s+")).stream())
            .anyMatch(p -> p.equals(String.valueOf(port)) || p.equals(port + "/tcp"));
    if (!exposed) {
      problems.add("port " + port + " is not exposed");
    }
    return problems;
  }

  private static List<String> joinContinuations(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (current.isEmpty() && line.strip().startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
      } else {
        current.append(line);
        lines.add(current.toString());
        current.setLength(0);
      }
    }
    return lines;
  }
}
