package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcTargetTest {

  @TempDir Path dataDir;

  @Test
  void readsUrlUserAndPasswordFromTheStandalonesDataDirectory() throws Exception {
    writeProperties(
        "url=jdbc:postgresql://localhost:54321/prazo\nuser=postgres\npassword=postgres\n");

    JdbcTarget target = JdbcTarget.resolve(Options.parse("--data-dir", dataDir.toString()));

    assertThat(target)
        .isEqualTo(
            new JdbcTarget("jdbc:postgresql://localhost:54321/prazo", "postgres", "postgres"));
  }

  @Test
  void userAndPasswordOnTheCommandLineOverrideTheFile() throws Exception {
    writeProperties("url=jdbc:postgresql://localhost:54321/prazo\nuser=postgres\npassword=x\n");

    JdbcTarget target =
        JdbcTarget.resolve(
            Options.parse(
                "--data-dir", dataDir.toString(), "--jdbc-user", "bench", "--jdbc-password", "y"));

    assertThat(target.user()).isEqualTo("bench");
    assertThat(target.password()).isEqualTo("y");
  }

  @Test
  void aJdbcUrlOnTheCommandLineIsUsedWithoutReadingTheFile() throws Exception {
    Files.writeString(dataDir.resolve("postgres.properties"), "url=jdbc:postgresql://file/x\n");

    JdbcTarget target =
        JdbcTarget.resolve(
            Options.parse(
                "--data-dir",
                dataDir.toString(),
                "--jdbc-url",
                "jdbc:postgresql://db/prazo?user=u&password=p"));

    assertThat(target)
        .isEqualTo(new JdbcTarget("jdbc:postgresql://db/prazo?user=u&password=p", null, null));
  }

  @Test
  void withoutJdbcUrlOrFileSaysWhichFileIsMissingAndHowToGoOn() {
    Path missing = dataDir.resolve("nothing-here");

    assertThatThrownBy(() -> JdbcTarget.resolve(Options.parse("--data-dir", missing.toString())))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining(missing.resolve("postgres.properties").toString())
        .hasMessageContaining("--jdbc-url")
        .hasMessageContaining("--skip-ceiling");
  }

  @Test
  void refusesAFileWithoutUrl() throws Exception {
    writeProperties("user=postgres\n");

    assertThatThrownBy(() -> JdbcTarget.resolve(Options.parse("--data-dir", dataDir.toString())))
        .isInstanceOf(SetupException.class)
        .hasMessageEndingWith("has no 'url'");
  }

  @Test
  void neverShowsThePassword() {
    assertThat(new JdbcTarget("jdbc:postgresql://db/p", "u", "secret").toString())
        .doesNotContain("secret");
  }

  private void writeProperties(String text) throws Exception {
    Files.writeString(dataDir.resolve("postgres.properties"), text);
  }
}
