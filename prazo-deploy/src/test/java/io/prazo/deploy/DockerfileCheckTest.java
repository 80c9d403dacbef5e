package io.prazo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileCheckTest {

  private static String dockerfile(String service) throws IOException {
    return Repository.read(service + "/Dockerfile");
  }

  @Test
  void everyServicesDockerfileIsSound() throws IOException {
    for (Map.Entry<String, Integer> service : ComposeCheck.PORTS.entrySet()) {
      assertThat(DockerfileCheck.problems(dockerfile(service.getKey()), service.getValue()))
          .as(service.getKey())
          .isEmpty();
    }
  }

  @Test
  void reportsRootOrNoUser() throws IOException {
    String file = dockerfile("ticket-query");
    assertThat(DockerfileCheck.problems(file.replace("USER 10001:10001", "USER 0"), 8082))
        .containsExactly("USER 0 is not a fixed numeric user other than 0");
    assertThat(DockerfileCheck.problems(file.replace("USER 10001:10001", "USER prazo"), 8082))
        .containsExactly("USER prazo is not a fixed numeric user other than 0");
    assertThat(DockerfileCheck.problems(file.replace("USER 10001:10001\n", ""), 8082))
        .containsExactly("the final stage sets no USER: it would run as root");
  }

  @Test
  void reportsAMissingHealthCheckAndAnotherPort() throws IOException {
    String file = dockerfile("ticket-command");
    String noHealthcheck = file.replaceFirst("(?s)HEALTHCHECK .*?\\]\\n", "");
    assertThat(noHealthcheck).isNotEqualTo(file);
    assertThat(DockerfileCheck.problems(noHealthcheck, 8081))
        .containsExactly("no HEALTHCHECK on /actuator/health/liveness in the final stage");
    assertThat(DockerfileCheck.problems(file, 8082)).containsExactly("port 8082 is not exposed");
  }
}
