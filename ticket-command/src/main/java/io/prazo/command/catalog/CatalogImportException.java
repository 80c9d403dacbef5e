package io.prazo.command.catalog;

import java.nio.file.Path;
import java.util.List;

/** The catalog directory could not be imported; nothing of it was written. */
public class CatalogImportException extends IllegalStateException {

  private final List<String> problems;

  public CatalogImportException(Path dir, List<String> problems) {
    super(
        "Cannot import the catalog directory "
            + dir
            + " (nothing was imported):\n  "
            + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each naming its file. */
  public List<String> problems() {
    return problems;
  }
}
