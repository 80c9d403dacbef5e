package io.prazo.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the deployment files are read from (Maven passes prazo.repository). */
final class Repository {
  private Repository() {}

  static Path root() {
    String configured = System.getProperty("prazo.repository", "");
    Path root = Path.of(configured.isBlank() ? ".." : configured).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("helm/prazo/Chart.yaml"))) {
      throw new IllegalStateException("not Prazo's repository: " + root);
    }
    return root;
  }

  static String read(String path) throws IOException {
    return Files.readString(root().resolve(path), StandardCharsets.UTF_8);
  }
}
