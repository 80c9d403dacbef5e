package io.prazo.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.command.TicketCommandApplication;
import io.prazo.command.catalog.CatalogImport;
import io.prazo.command.catalog.CatalogImportException;
import io.prazo.command.catalog.CatalogStore;
import io.prazo.testing.TestKafka;
import io.prazo.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** ticket-command importing {@code prazo.command.catalog-dir} at start-up, on a real PostgreSQL. */
class CatalogImportIT {
  private static final String FAST_CALENDAR =
      "{\"name\":\"Fast\",\"zone\":\"UTC\",\"dayLength\":\"PT2S\",\"week\":{"
          + "\"MONDAY\":[[\"00:00\",\"24:00\"]],\"TUESDAY\":[[\"00:00\",\"24:00\"]],"
          + "\"WEDNESDAY\":[[\"00:00\",\"24:00\"]],\"THURSDAY\":[[\"00:00\",\"24:00\"]],"
          + "\"FRIDAY\":[[\"00:00\",\"24:00\"]],\"SATURDAY\":[[\"00:00\",\"24:00\"]],"
          + "\"SUNDAY\":[[\"00:00\",\"24:00\"]]},\"holidays\":[]}";

  private static String policy(String calendar, String resolution) {
    return "{\"name\":\"Fast\",\"businessDayCalendar\":\"fast\",\"complianceGoal\":0.8,"
        + "\"warnAt\":0.75,\"autoCloseAfterBusinessDays\":4,\"pauseReasons\":[\"AWAITING_CUSTOMER\"],"
        + "\"priorities\":[{\"id\":\"HIGH\",\"label\":\"Alta\",\"resolution\":{\"amount\":\""
        + resolution
        + "\",\"calendar\":\""
        + calendar
        + "\"}}]}";
  }

  @TempDir Path catalog;

  @Test
  void importsTheDirectoryAtStartAndLaterOnlyWhatChanged() throws IOException {
    TestPostgres.Database database = TestPostgres.shared().newDatabase();
    write("calendar.fast.json", FAST_CALENDAR);
    write("policy.fast.json", policy("fast", "PT4H"));

    try (ConfigurableApplicationContext first = start(database, catalog)) {
      CatalogStore store = first.getBean(CatalogStore.class);
      assertThat(store.currentCalendar("fast").orElseThrow().version()).isEqualTo(1);
      assertThat(store.currentCalendar("fast").orElseThrow().dayLength()).hasSeconds(2);
      assertThat(store.currentPolicy("fast").orElseThrow().version()).isEqualTo(1);
      assertThat(store.currentPolicy("pronnus")).as("the presets load first").isPresent();
    }
    JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
    assertThat(authors(jdbc, "catalog_policy", "policy_id", "fast"))
        .containsExactly("1 " + CatalogImport.AUTHOR);

    try (ConfigurableApplicationContext again = start(database, catalog)) {
      assertThat(authors(jdbc, "catalog_policy", "policy_id", "fast")).hasSize(1);
      assertThat(authors(jdbc, "catalog_calendar", "calendar_id", "fast")).hasSize(1);
    }

    write("policy.fast.json", policy("fast", "PT6H"));
    try (ConfigurableApplicationContext changed = start(database, catalog)) {
      CatalogStore store = changed.getBean(CatalogStore.class);
      assertThat(store.currentPolicy("fast").orElseThrow().version()).isEqualTo(2);
      assertThat(store.policy("fast", 1)).as("the old version stays").isPresent();
      assertThat(authors(jdbc, "catalog_calendar", "calendar_id", "fast")).hasSize(1);
    }
  }

  @Test
  void anInvalidDirectoryStopsTheStartAndWritesNothingOfIt() throws IOException {
    TestPostgres.Database database = TestPostgres.shared().newDatabase();
    write("calendar.fine.json", FAST_CALENDAR);
    write("calendar.zero.json", FAST_CALENDAR.replace("PT2S", "PT0S"));
    write("policy.lost.json", policy("nowhere", "PT4H"));

    assertThatThrownBy(() -> start(database, catalog).close())
        .isInstanceOfSatisfying(
            CatalogImportException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "calendar.zero.json: dayLength: must be positive, was PT0S",
                        "policy.lost.json: priorities[0].resolution.calendar: unknown calendar"
                            + " nowhere")
                    .noneSatisfy(p -> assertThat(p).startsWith("calendar.fine.json")));
    JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
    assertThat(authors(jdbc, "catalog_calendar", "calendar_id", "fine")).isEmpty();
  }

  @Test
  void replicasImportingAtOnceAddEachVersionOnce() throws Exception {
    TestPostgres.Database database = TestPostgres.shared().newDatabase();
    write("calendar.fast.json", FAST_CALENDAR);
    write("policy.fast.json", policy("fast", "PT4H"));
    write("policy.slow.json", policy("fast", "PT40H"));
    int replicas = 6;
    try (ConfigurableApplicationContext context = start(database, null)) {
      CatalogImport importer = context.getBean(CatalogImport.class);
      CyclicBarrier together = new CyclicBarrier(replicas);
      ExecutorService pool = Executors.newFixedThreadPool(replicas);
      List<Future<List<CatalogStore.Imported>>> runs = new ArrayList<>();
      for (int i = 0; i < replicas; i++) {
        runs.add(
            pool.submit(
                () -> {
                  together.await();
                  return importer.importFrom(catalog);
                }));
      }
      List<CatalogStore.Imported> all = new ArrayList<>();
      for (Future<List<CatalogStore.Imported>> run : runs) {
        all.addAll(run.get());
      }
      pool.shutdown();
      assertThat(all).hasSize(3 * replicas).allSatisfy(i -> assertThat(i.version()).isEqualTo(1));
      assertThat(all.stream().filter(CatalogStore.Imported::added))
          .extracting(i -> i.kind() + " " + i.id())
          .containsExactlyInAnyOrder("calendar fast", "policy fast", "policy slow");
    }
    JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
    assertThat(authors(jdbc, "catalog_policy", "policy_id", "fast"))
        .containsExactly("1 " + CatalogImport.AUTHOR);
    assertThat(authors(jdbc, "catalog_policy", "policy_id", "slow"))
        .containsExactly("1 " + CatalogImport.AUTHOR);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(catalog.resolve(name), content);
  }

  private static List<String> authors(JdbcTemplate jdbc, String table, String column, String id) {
    return jdbc.queryForList(
        "SELECT version || ' ' || created_by FROM "
            + table
            + " WHERE "
            + column
            + " = ? ORDER BY version",
        String.class,
        id);
  }

  private static ConfigurableApplicationContext start(TestPostgres.Database database, Path dir) {
    Map<String, Object> properties = new LinkedHashMap<>();
    database.registerAsDataSource((key, value) -> properties.put(key, value.get()));
    TestKafka.shared().registerAsBroker((key, value) -> properties.put(key, value.get()));
    properties.put("spring.config.name", "ticket-command");
    properties.put("server.port", "0");
    properties.put("prazo.security.dev-issuer.enabled", "true");
    properties.put("prazo.security.dev-issuer.key-file", CommandServiceIT.KEY_FILE.toString());
    if (dir != null) {
      properties.put("prazo.command.catalog-dir", dir.toString());
    }
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(TicketCommandApplication.class).run(args);
  }
}
