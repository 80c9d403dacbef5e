package io.prazo.command.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogDirectoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void readsCalendarsAndPoliciesByIdInIdOrder() throws IOException {
    write("policy.zeta.json", "{\"name\":\"Z\"}");
    write("calendar.br.8x5.json", "{\"name\":\"B\"}");
    write("policy.alpha.json", "{\"name\":\"A\"}");
    write("calendar.24x7.json", "{\"name\":\"C\"}");

    CatalogDirectory read = CatalogDirectory.read(dir, JSON);

    assertThat(read.calendars())
        .extracting(CatalogDirectory.Entry::id)
        .containsExactly("24x7", "br.8x5");
    assertThat(read.policies())
        .extracting(CatalogDirectory.Entry::id)
        .containsExactly("alpha", "zeta");
    assertThat(read.policies().get(0).document().get("name").asText()).isEqualTo("A");
    assertThat(read.policies().get(0).file()).isEqualTo("policy.alpha.json");
  }

  @Test
  void readsAConfigMapVolumeThroughItsLinksAndPassesOverItsHiddenEntries() throws IOException {
    Path data = Files.createDirectory(dir.resolve("..2026_12_03_10_00_00.123"));
    Files.writeString(data.resolve("calendar.fast.json"), "{\"name\":\"Fast\"}");
    Files.writeString(data.resolve("policy.fast.json"), "{\"name\":\"Fast\"}");
    Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
    Files.createSymbolicLink(
        dir.resolve("calendar.fast.json"), Path.of("..data/calendar.fast.json"));
    Files.createSymbolicLink(dir.resolve("policy.fast.json"), Path.of("..data/policy.fast.json"));
    write(".hidden-notes", "not a document");

    CatalogDirectory read = CatalogDirectory.read(dir, JSON);

    assertThat(read.calendars()).extracting(CatalogDirectory.Entry::id).containsExactly("fast");
    assertThat(read.policies()).extracting(CatalogDirectory.Entry::id).containsExactly("fast");
  }

  @Test
  void anEmptyDirectoryHasNothingToImport() {
    assertThat(CatalogDirectory.read(dir, JSON).isEmpty()).isTrue();
  }

  @Test
  void reportsEveryBadFileAtOnce() throws IOException {
    write("calendar.good.json", "{\"name\":\"fine\"}");
    write("README.txt", "docs");
    write("policy..json", "{}");
    write("policy.bad id.json", "{}");
    write("calendar.broken.json", "{\"name\": ");
    write("policy.list.json", "[1, 2]");
    write("policy.empty.json", "");
    Files.createDirectory(dir.resolve("calendar.folder.json"));
    Files.write(
        dir.resolve("policy.huge.json"), new byte[(int) CatalogDirectory.MAX_FILE_BYTES + 1]);

    assertThatThrownBy(() -> CatalogDirectory.read(dir, JSON))
        .isInstanceOfSatisfying(
            CatalogImportException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(8)
                    .anySatisfy(p -> assertThat(p).startsWith("README.txt: not a catalog document"))
                    .anySatisfy(p -> assertThat(p).startsWith("policy..json: the id '' is not"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("policy.bad id.json: the id 'bad id'"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("calendar.broken.json: not valid JSON"))
                    .anySatisfy(p -> assertThat(p).isEqualTo("policy.list.json: not a JSON object"))
                    .anySatisfy(
                        p -> assertThat(p).isEqualTo("policy.empty.json: not a JSON object"))
                    .anySatisfy(
                        p -> assertThat(p).isEqualTo("calendar.folder.json: not a regular file"))
                    .anySatisfy(p -> assertThat(p).startsWith("policy.huge.json: larger than")))
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("nothing was imported");
  }

  @Test
  void aMissingDirectoryIsAnError() {
    Path missing = dir.resolve("not-mounted");
    assertThatThrownBy(() -> CatalogDirectory.read(missing, JSON))
        .isInstanceOf(CatalogImportException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("is not a directory");
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content);
  }
}
