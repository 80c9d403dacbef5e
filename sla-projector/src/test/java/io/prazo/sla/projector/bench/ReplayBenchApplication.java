package io.prazo.sla.projector.bench;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * What the replay benchmark runs: ticket-command and sla-projector in one JVM, as the standalone
 * launcher composes them (ticket-standalone depends on this module, so it cannot be used here).
 *
 * <p>Deliberately not a {@code @Configuration}: component scans of other tests in this module never
 * pick it up; it is only ever a primary source of {@link ReplayBenchmark}'s application.
 */
@EnableAutoConfiguration
@ComponentScan(
    basePackages = {"io.prazo.command", "io.prazo.sla.projector"},
    excludeFilters = {
      @ComponentScan.Filter(
          type = FilterType.ANNOTATION,
          classes = {
            SpringBootApplication.class,
            SpringBootConfiguration.class,
            TestConfiguration.class
          }),
      // Test classes of this module are on the benchmark's class path: keep them out.
      @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*(Test|Tests|IT)(\\$.*)?"),
      @ComponentScan.Filter(
          type = FilterType.REGEX,
          pattern = "io\\.prazo\\.sla\\.projector\\.bench\\..*")
    })
class ReplayBenchApplication {}
