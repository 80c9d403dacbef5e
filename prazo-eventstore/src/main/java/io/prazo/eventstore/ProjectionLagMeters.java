package io.prazo.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * {@code prazo.projection.lag}: one gauge per streaming processor of this JVM (tag {@code
 * projection}), the events between the store's head and its position, as {@code GET
 * /api/admin/projections} shows it. Registered once the application has started, when Axon has
 * built its processors; a processor that is gone reads NaN.
 */
public class ProjectionLagMeters implements ApplicationListener<ApplicationStartedEvent> {
  public static final String NAME = "prazo.projection.lag";

  private final Projections projections;
  private final MeterRegistry registry;

  public ProjectionLagMeters(Projections projections, MeterRegistry registry) {
    this.projections = projections;
    this.registry = registry;
  }

  @Override
  public void onApplicationEvent(ApplicationStartedEvent event) {
    register();
  }

  /** Registers a gauge for every processor there is now; registering twice changes nothing. */
  public void register() {
    for (String name : projections.names()) {
      Gauge.builder(NAME, projections, p -> lag(p, name))
          .description("Events between the store's head and the projection's position")
          .tag("projection", name)
          .register(registry);
    }
  }

  private static double lag(Projections projections, String name) {
    return projections.status(name).map(s -> (double) s.lag()).orElse(Double.NaN);
  }
}
