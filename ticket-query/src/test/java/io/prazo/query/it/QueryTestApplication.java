package io.prazo.query.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;

/**
 * ticket-command and ticket-query in one context, as the standalone launcher composes them, on a
 * test database: commands go in over HTTP and the query API shows their effects.
 */
@SpringBootApplication
@ComponentScan(
    basePackages = {"io.prazo.command", "io.prazo.query"},
    excludeFilters = @ComponentScan.Filter(SpringBootApplication.class))
public class QueryTestApplication {}
