package io.prazo.command.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Imports the calendars and policies of {@code prazo.command.catalog-dir} (a mounted ConfigMap,
 * say) at start-up, after the presets, before the service reports ready. A document that differs
 * from its current version adds a version, as a {@code PUT} would; an unchanged one adds nothing,
 * so every replica and restart may import the same directory. A directory that cannot be imported
 * stops the start-up: running with definitions other than the ones deployed would be worse.
 */
@Component
@Order(PresetLoader.ORDER + 1)
public class CatalogImport implements ApplicationRunner {
  /** The author recorded on imported versions. */
  public static final String AUTHOR = "prazo-catalog-dir";

  private static final Logger log = LoggerFactory.getLogger(CatalogImport.class);
  private final CatalogStore store;
  private final ObjectMapper json;
  private final Path dir;

  public CatalogImport(
      CatalogStore store, ObjectMapper json, @Value("${prazo.command.catalog-dir:}") String dir) {
    this.store = store;
    this.json = json;
    this.dir = dir.isBlank() ? null : Path.of(dir.trim());
  }

  @Override
  public void run(ApplicationArguments args) {
    if (dir != null) {
      importFrom(dir);
    }
  }

  /**
   * Imports one directory now.
   *
   * @return what became of each document, calendars first
   * @throws CatalogImportException when the directory or any document in it cannot be imported;
   *     then nothing of it was
   */
  public List<CatalogStore.Imported> importFrom(Path dir) {
    CatalogDirectory directory = CatalogDirectory.read(dir, json);
    if (directory.isEmpty()) {
      log.info("The catalog directory {} holds no calendar.*.json or policy.*.json", dir);
      return List.of();
    }
    List<CatalogStore.Imported> imported = store.importDirectory(dir, directory, AUTHOR);
    for (CatalogStore.Imported one : imported) {
      log.info(
          "Catalog {} {}: version {} {}",
          one.kind(),
          one.id(),
          one.version(),
          one.added() ? "added from " + dir : "unchanged");
    }
    return imported;
  }
}
