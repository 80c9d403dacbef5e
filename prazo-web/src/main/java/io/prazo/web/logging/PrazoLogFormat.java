package io.prazo.web.logging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How every Prazo service logs, decided before logging starts (a {@code @PropertySource} is read
 * too late for {@code logging.*}).
 *
 * <p>{@code prazo.log-format} ({@code PRAZO_LOG_FORMAT}): {@code plain} (the default) is Spring
 * Boot's text line with {@code [traceId,spanId,correlationId]}; {@code json} is one Logstash JSON
 * object a line (Spring Boot's structured logging), with the same ids as top-level fields. Anything
 * else stops the service at startup. Both are defaults: {@code logging.pattern.correlation} and
 * {@code logging.structured.format.console} set anywhere else win.
 */
public class PrazoLogFormat implements EnvironmentPostProcessor {
  public static final String PROPERTY = "prazo.log-format";
  static final String CORRELATION_PATTERN = "[%X{traceId:-},%X{spanId:-},%X{correlationId:-}] ";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("logging.pattern.correlation", CORRELATION_PATTERN);
    if (json(environment.getProperty(PROPERTY))) {
      // Logstash's flat fields: traceId, spanId and correlationId sit at the top level under
      // their MDC names, where a JSON log parser finds them without a mapping.
      defaults.put("logging.structured.format.console", "logstash");
    }
    environment.getPropertySources().addLast(new MapPropertySource("prazoLogFormat", defaults));
  }

  /** Whether a {@code prazo.log-format} value asks for JSON; null or blank is plain. */
  static boolean json(String format) {
    if (format == null || format.isBlank()) {
      return false;
    }
    return switch (format.trim().toLowerCase(Locale.ROOT)) {
      case "plain" -> false;
      case "json" -> true;
      default ->
          throw new IllegalArgumentException(
              PROPERTY + " (PRAZO_LOG_FORMAT) must be plain or json, not '" + format + "'");
    };
  }
}
