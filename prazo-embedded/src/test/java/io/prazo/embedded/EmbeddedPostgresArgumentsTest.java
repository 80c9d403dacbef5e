package io.prazo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresArgumentsTest {

  @Test
  void defaultSettingsAreDurableAndSizedForASmallDevServer() {
    assertThat(EmbeddedPostgres.defaultSettings())
        .containsEntry("fsync", "on")
        .containsEntry("synchronous_commit", "on")
        .containsEntry("full_page_writes", "on")
        .containsEntry("max_connections", "200")
        .containsEntry("listen_addresses", "localhost");
  }

  @Test
  void rejectsThePortAsASettingAndMalformedNames() {
    Path nowhere = Path.of("/nonexistent/never-created");
    assertThatThrownBy(() -> EmbeddedPostgres.start(nowhere, 0, Map.of("port", "5432")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmbeddedPostgres.start(nowhere, 0, Map.of("fsync = off\nx", "1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmbeddedPostgres.start(nowhere, 70000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
