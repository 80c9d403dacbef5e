package io.prazo.sla.projector;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * sla-projector deployed on its own (port 8083: admin and health only): SLA clocks and due actions
 * from the event store, commands to ticket-command over HTTP with a {@code system} token. Its
 * settings are in {@code sla-projector.yml}, so they never leak into the standalone launcher.
 */
@SpringBootApplication
public class SlaProjectorApplication {
  public static void main(String[] args) {
    new SpringApplicationBuilder(SlaProjectorApplication.class)
        .properties("spring.config.name=sla-projector")
        .run(args);
  }
}
