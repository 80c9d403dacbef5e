package io.prazo.standalone;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;

/**
 * The whole product in one JVM: ticket-command, sla-projector and ticket-query on one port, with an
 * embedded PostgreSQL 17 whose data stays under {@code --prazo.data-dir}.
 */
@SpringBootApplication
@ComponentScan(
    basePackages = {
      "io.prazo.standalone",
      "io.prazo.command",
      "io.prazo.sla.projector",
      "io.prazo.query"
    },
    excludeFilters = @ComponentScan.Filter(SpringBootApplication.class))
public class PrazoStandalone {

  public static void main(String[] args) {
    application().run(args);
  }

  /** The launcher as a builder, so tests start exactly what {@code main} starts. */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(PrazoStandalone.class)
        .properties("spring.config.name=standalone")
        .listeners(new EmbeddedInfrastructure());
  }

  /** Starts the product with arguments; the context closes the embedded database with it. */
  public static ConfigurableApplicationContext start(String... args) {
    return application().run(args);
  }
}
