package io.prazo.command.catalog;

import io.prazo.sla.Presets;
import java.time.Clock;
import java.time.Year;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads the preset calendars and policies (sla.md §2) the first time Prazo starts. */
@Component
@Order(PresetLoader.ORDER)
public class PresetLoader implements ApplicationRunner {
  static final int ORDER = 0;
  private static final Logger log = LoggerFactory.getLogger(PresetLoader.class);
  private final CatalogStore store;
  private final Clock clock;

  public PresetLoader(CatalogStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    Year year = Year.now(clock.withZone(Presets.SAO_PAULO));
    if (store.loadPresetsIfEmpty(Presets.calendars(year), Presets.policies())) {
      log.info(
          "Loaded the preset calendars (holidays of {} and {}) and policies",
          year,
          year.plusYears(1));
    }
  }
}
